"""Staff pages (ask a question, the annual report) and POST /api/v1/ask. Views only: the logic is in service.py
and report.py.

The conversation is kept in the signed session cookie as the questions alone (and the context before the
first one kept); each page view asks them again in order, so follow-ups ("and last year?") read the same
way every time and nothing about complaints is stored in the cookie.
"""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from markupsafe import Markup, escape

from casework.roles import CASEWORK_ROLES, OFFICER, visible_team_ids
from casework.views import staff_menu
from queries.answers import Answer
from queries.asker import Asker
from queries.chart import bar_chart, table_chart
from queries.dashboard import build_dashboard, figures_behind
from queries.dashboard_page import panels as dashboard_panels
from queries.dashboard_page import stage_words
from queries.engine import Scope
from queries.narrative import MAX_NARRATIVE, narratives, save_narrative
from queries.parser import MAX_QUESTION
from queries.periods import financial_year, financial_year_of, parse_financial_year, plausible_as_of
from queries.publish import print_context, render_pdf
from queries.query import query_from_dict, query_to_dict
from queries.report import NARRATIVE_SECTIONS, build_report, is_numeric
from queries.words import EXAMPLES
from reminders.calendar import WorkingCalendar
from web.auth import json_text_field, signed_in_user, staff_api_required, staff_required, staff_user
from web.context import db, settings, today
from web.csv_download import csv_response
from web.errors import ApiError

bp = Blueprint("queries", __name__)
# The staff menu's links to other areas, as on the casework pages.
bp.context_processor(staff_menu)
api_bp = Blueprint("queries_api", __name__, url_prefix="/api/v1")

GROUP_HEADINGS = {
    "team": "Team",
    "outcome": "Outcome",
    "month": "Month",
    "reason": "Lesson learned",
    "stage": "Stage",
    "role": "Who complained",
    "quarter": "Quarter",
    "officer": "Officer",
    "danger": "Kind of danger",
}
CHAT_KEY = "queries_chat"
MAX_KEPT = 6  # questions shown on the page; older ones leave only their context behind
MAX_STORED = 300  # characters of a question kept in the cookie


def _scope() -> Scope:
    ids = visible_team_ids(signed_in_user())
    return Scope(None if ids is None else frozenset(ids))


def _asker(as_of: date | None = None) -> Asker:
    return Asker(db(), as_of or today(), _scope(), settings().closure_days)


# -- the conversation -------------------------------------------------------------------------------------------
def _chat() -> dict:
    chat = session.get(CHAT_KEY)
    if not isinstance(chat, dict) or not isinstance(chat.get("questions"), list):
        return {"base": None, "questions": []}
    return chat


def _replay(asker: Asker, chat: dict) -> list[Answer]:
    context = query_from_dict(chat.get("base")) if chat.get("base") else None
    answers = []
    for question in chat["questions"]:
        answer = asker.ask(str(question), context)
        answers.append(answer)
        if answer.clear and answer.query is not None:
            context = answer.query
    return answers


def _last_context(answers: list[Answer]):
    for answer in reversed(answers):
        if answer.clear and answer.query is not None:
            return answer.query
    return None


def _answer_view(index: int, answer: Answer) -> dict:
    compare = answer.interpretation.get("compare_with")
    compare_label = compare["label"] if compare and answer.interpretation.get("group_by") else None
    return {
        "index": index,
        "answer": answer,
        "table": _answer_table(answer, compare_label),
        "chart": bar_chart(answer.rows, title=answer.answer, unit=answer.unit, compare_label=compare_label),
        "csv_url": url_for("queries.ask_csv", index=index) if answer.rows else None,
    }


def _answer_table(answer: Answer, compare_label: str | None) -> dict | None:
    if not answer.rows:
        return None
    value_heading = {"percent": "Per cent", "working days": "Working days"}.get(answer.unit, "Complaints")
    group = str(answer.interpretation.get("group_by"))
    first = GROUP_HEADINGS.get(group, "Complaint" if answer.interpretation.get("live") else "Year")
    head = [{"text": first}, {"text": value_heading, "format": "numeric"}]
    if compare_label:
        head.append({"text": compare_label, "format": "numeric"})
    linked = any("references" in row for row in answer.rows)  # today's caseload: open each complaint from here
    if linked:
        head.append({"text": "Open"})
    rows = []
    for row in answer.rows:
        cells = [{"text": row["label"]}, {"text": _show(row["value"]), "format": "numeric"}]
        if compare_label:
            cells.append({"text": _show(row.get("compare_value")), "format": "numeric"})
        if linked:
            links = (
                f'<a class="govuk-link" href="{escape(url_for("casework.complaint", reference=ref))}">{escape(ref)}</a>'
                for ref in row.get("references", [])
            )
            cells.append({"html": Markup(", ".join(links))})
        rows.append(cells)
    return {"head": head, "rows": rows, "firstCellIsHeader": True}


def _show(value) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if isinstance(value, float) else str(value)


@bp.get("/staff/ask")
@staff_required(*CASEWORK_ROLES)
def ask():
    answers = _replay(_asker(), _chat())
    # "Did you mean" links come here with the question to ask filled in (?q=...); asking stays a POST.
    offered = " ".join(request.args.get("q", "").split())[:MAX_QUESTION]
    return _ask_page([_answer_view(i, a) for i, a in enumerate(answers)], question=offered)


def _ask_page(entries: list[dict], error: str | None = None, question: str = "", status: int = 200):
    return (
        render_template(
            "queries/ask.html",
            entries=entries,
            error=error,
            question=question,
            examples=EXAMPLES,
            max_question=MAX_QUESTION,
            your_team_only=_scope().team_ids is not None,
            page_title="Ask about complaints",
        ),
        status,
    )


@bp.post("/staff/ask")
@staff_required(*CASEWORK_ROLES)
def ask_post():
    question = " ".join((request.form.get("question") or "").split())
    chat = _chat()
    asker = _asker()
    if not question or len(question) > MAX_QUESTION:
        answers = _replay(asker, chat)
        error = "Enter a question, for example: how many stage 2 complaints this year?"
        if question:
            error = f"Keep your question to {MAX_QUESTION} characters or fewer."
        return _ask_page([_answer_view(i, a) for i, a in enumerate(answers)], error, question[:MAX_QUESTION], 400)
    questions = [*chat["questions"], question[:MAX_STORED]]
    base = chat.get("base")
    while len(questions) > MAX_KEPT:
        # The oldest question leaves the page; the context it set stays for the next one.
        dropped = asker.ask(questions.pop(0), query_from_dict(base) if base else None)
        if dropped.clear and dropped.query is not None:
            base = query_to_dict(dropped.query)
    session[CHAT_KEY] = {"base": base, "questions": questions}
    return redirect(url_for("queries.ask", _anchor=f"answer-{len(questions) - 1}"))


@bp.post("/staff/ask/clear")
@staff_required(*CASEWORK_ROLES)
def ask_clear():
    session.pop(CHAT_KEY, None)
    return redirect(url_for("queries.ask"))


@bp.get("/staff/ask/<index>.csv")
@staff_required(*CASEWORK_ROLES)
def ask_csv(index: str):
    answers = _replay(_asker(), _chat())
    if not index.isdigit() or int(index) >= len(answers) or not answers[int(index)].rows:
        abort(404)
    position = int(index)
    answer = answers[position]
    columns = [("key", "key"), ("label", "label"), ("value", answer.unit)]
    if any("compare_value" in row for row in answer.rows):
        columns.append(("compare_value", (answer.interpretation.get("compare_with") or {}).get("label", "compared")))
    return csv_response(f"answer-{position + 1}.csv", columns, answer.rows)


# -- the JSON API -----------------------------------------------------------------------------------------------
@api_bp.route("/ask", methods=["POST"])
@staff_api_required(*CASEWORK_ROLES)
def api_ask():
    body, question = json_text_field("question", MAX_QUESTION, "how many stage 2 this year")
    as_of = None
    if body.get("as_of") is not None:
        try:
            as_of = date.fromisoformat(str(body["as_of"]))
        except ValueError:
            as_of = None
        if as_of is None or not plausible_as_of(as_of):
            raise ApiError(400, "invalid_as_of", "Give as_of as a date like 2018-03-31.", "as_of")
    context = None
    if body.get("context") is not None:
        context = query_from_dict(body["context"])
        if context is None:
            raise ApiError(400, "invalid_context", "Send back a previous answer's interpretation.query.", "context")
    answer = _asker(as_of).ask(question, context)
    if answer.refused:
        raise ApiError(403, "forbidden", answer.answer)
    return jsonify(answer.as_dict())


# -- the annual report ------------------------------------------------------------------------------------------
def _year_or_404(year: str):
    period = parse_financial_year(year.replace("-", "/", 1)) if year.count("-") == 1 else None
    if period is None:
        abort(404, "There is no report for that year. Years look like 2017-18 in the address.")
    if period.start > today():
        abort(404, f"The {period.label} year has not started yet, so there is no report for it.")
    return period


def _url_year(label: str) -> str:
    return label.replace("/", "-")


@bp.get("/staff/reports/annual")
@staff_required(*CASEWORK_ROLES)
def report_index():
    this_year = financial_year_of(today())
    years = [financial_year(this_year.start.year - offset) for offset in range(0, 12)]
    return render_template(
        "queries/report_index.html",
        years=[(p.label, url_for("queries.report", year=_url_year(p.label))) for p in years],
        page_title="Annual complaints report",
    )


@bp.get("/staff/reports/annual/<year>")
@staff_required(*CASEWORK_ROLES)
def report(year: str):
    period = _year_or_404(year)
    report = build_report(db(), period, as_of=today(), scope=_scope(), closure_days=settings().closure_days)
    texts = narratives(db(), period.label)
    user = staff_user()
    return render_template(
        "queries/report.html",
        report=report,
        texts=texts,
        sections=NARRATIVE_SECTIONS,
        can_write=user.role == OFFICER,
        url_year=_url_year(period.label),
        max_narrative=MAX_NARRATIVE,
        # Each table as govukTable's params, by its key (the page draws them; the CSV link uses the same key).
        table_params={table.key: _report_table(table) for section in report.sections for table in section.tables},
        charts={table.key: table_chart(table) for section in report.sections for table in section.tables},
        page_title=f"Annual complaints report {period.label}",
    )


def _report_table(table) -> dict:
    shown = [(field, heading) for field, heading in table.columns if field != "key"]
    head = [{"text": h, **({"format": "numeric"} if is_numeric(f) else {})} for f, h in shown]
    rows = []
    for row in [*table.rows, *([table.total] if table.total else [])]:
        rows.append(
            [
                {
                    "text": "" if row.get(f) is None else _show(row.get(f)),
                    **({"format": "numeric"} if is_numeric(f) else {}),
                }
                for f, _h in shown
            ]
        )
    return {
        "head": head,
        "rows": rows,
        "firstCellIsHeader": True,
        "caption": table.title,
        "captionClasses": "govuk-table__caption--s",
    }


@bp.get("/staff/reports/annual/<year>/report.pdf")
@staff_required(*CASEWORK_ROLES)
def report_pdf(year: str):
    """The report fit to publish: the same figures as the page, laid out for print (queries/publish.py)."""
    period = _year_or_404(year)
    report = build_report(db(), period, as_of=today(), scope=_scope(), closure_days=settings().closure_days)
    texts = {section: row.text for section, row in narratives(db(), period.label).items()}
    page = render_template(
        "queries/report_print.html",
        **print_context(report, texts, council=settings().council_name, printed_on=today()),
    )
    name = f"childrens-services-complaints-{_url_year(period.label)}.pdf"
    pdf, _pages = render_pdf(page)
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.post("/staff/reports/annual/<year>/narrative")
@staff_required(OFFICER)
def report_narrative(year: str):
    period = _year_or_404(year)
    section = request.form.get("section", "")
    if section not in NARRATIVE_SECTIONS:
        abort(400, "Choose one of the report's sections.")
    text = request.form.get("text", "")
    if len(text) > MAX_NARRATIVE:
        abort(400, f"Keep each section to {MAX_NARRATIVE} characters or fewer.")
    save_narrative(db(), staff_user(), period.label, section, text)
    flash(f"Saved '{NARRATIVE_SECTIONS[section]}' for {period.label}.", "success")
    return redirect(url_for("queries.report", year=_url_year(period.label), _anchor=f"narrative-{section}"))


@bp.get("/staff/reports/annual/<year>/<table_key>.csv")
@staff_required(*CASEWORK_ROLES)
def report_csv(year: str, table_key: str):
    period = _year_or_404(year)
    report = build_report(db(), period, as_of=today(), scope=_scope(), closure_days=settings().closure_days)
    table = report.table(table_key)
    if table is None:
        abort(404)
    rows = [*table.rows, *([table.total] if table.total else [])]
    return csv_response(f"{table_key}-{_url_year(period.label)}.csv", table.columns, rows)


# -- the managers' dashboard ------------------------------------------------------------------------------------
@bp.get("/staff/dashboard")
@staff_required(*CASEWORK_ROLES)
def dashboard():
    user = staff_user()
    board = build_dashboard(db(), user, WorkingCalendar(settings().closure_days), today(), settings().closure_days)
    return render_template(
        "queries/dashboard.html",
        board=board,
        panels=dashboard_panels(board, url_for),
        page_title="Dashboard",
    )


@bp.get("/staff/dashboard/complaints")
@staff_required(*CASEWORK_ROLES)
def dashboard_complaints():
    """The complaints behind one figure of the dashboard (a month's count, on-time rate or flags)."""
    stage = request.args.get("stage", "")
    behind = figures_behind(
        db(),
        staff_user(),
        today(),
        month_key=request.args.get("month", "")[:7],
        show=request.args.get("show", ""),
        stage=int(stage) if stage in ("1", "2", "3", "4") else None,
        closure_days=settings().closure_days,
    )
    if behind is None:
        abort(404, "The dashboard has no such figure. Go back to the dashboard and choose one of its numbers.")
    return render_template(
        "queries/dashboard_complaints.html", behind=behind, stage_words=stage_words, page_title=behind.title
    )
