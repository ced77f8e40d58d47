"""A bar chart as SVG markup, drawn on the server: it works without JavaScript and prints.

Labels sit above their bars so long team names need no truncation; colours are attributes, not inline
styles, because the Content-Security-Policy forbids inline styles.
"""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 640
BAR = 22
ROW = 52
MARGIN = 8
MAIN_COLOUR = "#1d5b79"  # the council brand colour, dark enough against white for bars and text
COMPARE_COLOUR = "#b1b4b6"


def _number(value: float | int | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def bar_chart(
    rows: list[dict],
    *,
    title: str,
    unit: str,
    compare_label: str | None = None,
    value_label: str = "",
    chart_id: str = "chart",
) -> Markup:
    """`rows` are answer rows ({key, label, value[, compare_value]}); returns an <svg> element, or "" if empty.

    `value_label` follows each main bar's number ("88 received"); `chart_id` names the title for screen
    readers, so give each chart on a page its own.
    """
    values = [row.get("value") or 0 for row in rows] + [row.get("compare_value") or 0 for row in rows]
    if not rows or max(values, default=0) <= 0:
        return Markup("")
    top = max(values)
    suffix = "%" if unit == "percent" else ""
    has_compare = compare_label is not None and any("compare_value" in row for row in rows)
    row_height = ROW + (BAR // 2 + 2 if has_compare else 0)
    height = MARGIN * 2 + row_height * len(rows)
    # Room after the longest bar for its number and words ("88 received"), about 9 units a character.
    bar_space = WIDTH - 80 - 9 * len(value_label)
    parts = [
        f'<svg class="queries-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title" '
        'font-family="system-ui, Helvetica, Arial, sans-serif">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for index, row in enumerate(rows):
        y = MARGIN + index * row_height
        value = row.get("value") or 0
        width = 0 if not top else max(1, round(bar_space * value / top)) if value else 0
        parts.append(f'<text x="0" y="{y + 16}" font-size="15" fill="#0b0c0c">{escape(row["label"])}</text>')
        parts.append(f'<rect x="0" y="{y + 22}" width="{width}" height="{BAR}" fill="{MAIN_COLOUR}"></rect>')
        parts.append(
            f'<text x="{width + 6}" y="{y + 22 + 16}" font-size="15" font-weight="bold" fill="#0b0c0c">'
            f"{escape(_number(row.get('value')))}{suffix}{escape(' ' + value_label if value_label else '')}</text>"
        )
        if has_compare and row.get("compare_value") is not None:  # no figure to compare: no bar, not "0"
            other = row.get("compare_value") or 0
            other_width = 0 if not top else max(1, round(bar_space * other / top)) if other else 0
            y2 = y + 22 + BAR + 2
            parts.append(
                f'<rect x="0" y="{y2}" width="{other_width}" height="{BAR // 2}" fill="{COMPARE_COLOUR}"></rect>'
            )
            parts.append(
                f'<text x="{other_width + 6}" y="{y2 + 10}" font-size="12" fill="#505a5f">'
                f"{escape(_number(row.get('compare_value')))}{suffix} {escape(compare_label)}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def table_chart(table) -> Markup:
    """The chart a report table asks for (`queries.report.Table.chart`), one bar per row; "" when it has none.

    Suppressed counts ("<5") and missing values draw no bar.
    """
    spec = table.chart
    if spec is None:
        return Markup("")

    def number(value):
        return value if isinstance(value, int | float) and not isinstance(value, bool) else 0

    rows = []
    for row in table.rows:
        item = {"key": row.get("key"), "label": str(row.get("label", "")), "value": number(row.get(spec.value))}
        if spec.compare and row.get(spec.compare) is not None:
            item["compare_value"] = number(row.get(spec.compare))
        rows.append(item)
    return bar_chart(
        rows,
        title=table.title,
        unit=spec.unit,
        compare_label=spec.compare_label,
        value_label=spec.value_label if spec.unit != "percent" else "",
        chart_id=f"chart-{table.key}",
    )
