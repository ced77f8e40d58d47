"""The dashboard's charts as SVG drawn on the server: they work without JavaScript and print.

Each chart is one image for assistive technology (`role="img"`, a title and a description that says what it
shows); the page puts a table of the same numbers, with the links, right under it. Colours are attributes (the
Content-Security-Policy forbids inline styles), every segment has a dark outline so pale colours still stand out
from the page, and the legend names each colour: no figure depends on telling colours apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
TEXT = "#0b0c0c"
SECONDARY = "#505a5f"
GRID = "#b1b4b6"
OUTLINE = 'stroke="#0b0c0c" stroke-width="0.75"'


@dataclass(frozen=True)
class Series:
    name: str
    colour: str


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return shown + unit


def _open(chart_id: str, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg class="dashboard-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{FONT}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


LEGEND_ROW = 22


def _legend(series: list[Series], y: int) -> tuple[list[str], int]:
    """The colour key, wrapped onto as many rows as it needs; returns its parts and its height."""
    parts, x = [], 0.0
    for item in series:
        width = 20 + 7.5 * len(item.name) + 18  # a generous guess at 14 px text: never cut at the edge
        if x and x + width > WIDTH:
            x, y = 0.0, y + LEGEND_ROW
        parts.append(f'<rect x="{x:.0f}" y="{y}" width="14" height="14" fill="{item.colour}" {OUTLINE}></rect>')
        parts.append(f'<text x="{x + 20:.0f}" y="{y + 12}" font-size="14" fill="{TEXT}">{escape(item.name)}</text>')
        x += width
    return parts, y + LEGEND_ROW


def _nice_top(value: float) -> float:
    """A round top for the scale, so its middle line is a whole number too: 3 -> 4, 7 -> 8, 23 -> 24."""
    if value <= 1:
        return 2.0
    return float(int(value) + (1 if int(value) % 2 or value % 1 else 0))


def columns(
    chart_id: str,
    labels: list[str],
    values: list[list[float | None]],
    series: list[Series],
    *,
    title: str,
    description: str,
    unit: str = "",
    top: float | None = None,
) -> Markup:
    """Stacked columns, one per label (a month), one segment per series, the total above each column."""
    legend, legend_height = _legend(series, 0) if len(series) > 1 else ([], 0)
    plot_top, plot_bottom, left = legend_height + 24, legend_height + 250, 40
    height = plot_bottom + 30
    totals = [sum(v or 0 for v in column) if any(v is not None for v in column) else None for column in values]
    top = top or _nice_top(max([t or 0 for t in totals] + [1]))
    scale = (plot_bottom - plot_top) / top
    slot = (WIDTH - left) / max(len(labels), 1)
    width = slot * 0.6
    parts = _open(chart_id, height, title, description) + legend
    for tick in (0, top / 2, top):
        y = plot_bottom - tick * scale
        parts.append(f'<line x1="{left}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"></line>')
        shown = _number(int(tick), unit)
        parts.append(f'<text x="{left - 6}" y="{y + 5:.1f}" font-size="13" text-anchor="end" fill="{SECONDARY}">')
        parts.append(f"{escape(shown)}</text>")
    for index, (label, column) in enumerate(zip(labels, values, strict=True)):
        x = left + slot * index + (slot - width) / 2
        y = plot_bottom
        for value, item in zip(column, series, strict=True):
            if not value:
                continue
            tall = value * scale
            y -= tall
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{tall:.1f}" fill="{item.colour}" '
                f"{OUTLINE}></rect>"
            )
        centre = x + width / 2
        parts.append(
            f'<text x="{centre:.1f}" y="{y - 5:.1f}" font-size="13" font-weight="bold" text-anchor="middle" '
            f'fill="{TEXT}">{escape(_number(totals[index], unit))}</text>'
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{plot_bottom + 20}" font-size="13" text-anchor="middle" fill="{TEXT}">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def bars(
    chart_id: str,
    labels: list[str],
    values: list[list[int]],
    series: list[Series],
    *,
    title: str,
    description: str,
) -> Markup:
    """Stacked bars, one per label (a team) with its name above it, one segment per series, the total after it."""
    row = 48
    legend, legend_height = _legend(series, 0)
    height = legend_height + 8 + row * max(len(labels), 1) + 8
    top = max([sum(v) for v in values] + [1])
    space = WIDTH - 60
    parts = _open(chart_id, height, title, description) + legend
    for index, (label, bar) in enumerate(zip(labels, values, strict=True)):
        y = legend_height + 8 + index * row
        parts.append(f'<text x="0" y="{y + 16}" font-size="14" fill="{TEXT}">{escape(label)}</text>')
        x = 0.0
        for value, item in zip(bar, series, strict=True):
            if not value:
                continue
            wide = space * value / top
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 22}" width="{wide:.1f}" height="20" fill="{item.colour}" {OUTLINE}></rect>'
            )
            x += wide
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + 37}" font-size="14" font-weight="bold" fill="{TEXT}">{sum(bar)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
