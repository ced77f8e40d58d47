"""The conversation as HTML pages: one question per page, POST-redirect-GET, works with no JavaScript.

Same engine as the JSON API. The draft's token lives in the signed session cookie, so URLs carry no secret;
the resume link (/complaint/resume/<token>) puts it back in a new browser.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, redirect, render_template, request, session, url_for

from content.complainant import advocate_words, team_words
from content.dates import long_date
from content.i18n import gettext
from content.safety_help import safety_help
from extensions import limiter
from intake import disclosure, equalities
from intake.content import ADVOCACY_SERVICES, next_steps, reply_plan, services_intro
from intake.conversation import conversation_engine
from intake.drafts import KEEP_FOR, create_draft, find_draft, is_sent, save, state_of
from intake.engine import NotAskedNow, SummaryRow
from intake.flow import has_way_to_reach, link_email, reply_method
from intake.submission import NotReady, submit
from intake.views.limits import SEND_LIMIT, START_LIMIT
from intake.views.links import after_answer, resume_url, status_url
from web.context import db, now, settings

bp = Blueprint("intake", __name__, url_prefix="/complaint")
TOKEN_KEY = "intake_token"
SENT_KEY = "intake_sent"


@bp.context_processor
def _draft_lifetime():
    # The pages say how long a draft is kept from the same constant that keeps it, so the two cannot drift apart.
    return {"keep_days": KEEP_FOR.days}


@bp.errorhandler(429)
def _too_many(_error):
    return render_template("intake/slow_down.html", page_title=gettext("Please wait a little")), 429


def _draft():
    token = session.get(TOKEN_KEY)
    if not isinstance(token, str):
        return None, None
    draft = find_draft(db(), token, now())
    return draft, token


@bp.get("")
def start():
    draft, _token = _draft()
    has_draft = draft is not None and not is_sent(draft)
    return render_template("intake/start.html", page_title=gettext("Tell us what went wrong"), has_draft=has_draft)


@bp.post("/start")
@limiter.limit(START_LIMIT)
def begin():
    at = now()
    draft, token = create_draft(db(), conversation_engine(db(), settings(), at), at)
    session[TOKEN_KEY] = token
    session.pop(SENT_KEY, None)
    return redirect(url_for("intake.chat"), 303)


def _summary_rows(summary: list[SummaryRow]) -> list[dict]:
    """ "Check your answers" as summary-list rows, each with its link to change the answer."""
    return [
        {
            "key": {"text": row.label},
            "value": {"text": row.answer or gettext("Not given")},
            "actions": {
                "items": [
                    {
                        "href": url_for("intake.chat", change=row.step) + "#question",
                        "text": gettext("Change"),
                        "visuallyHiddenText": row.label.lower(),
                    }
                ]
            },
        }
        for row in summary
    ]


def _render_chat(draft, token, state, engine, *, change: str | None = None, error=None, typed: str = "", status=200):
    question = engine.question(state, change)
    role = state.answers.get("role")  # the help panel and the safety words fit the person once we know them
    if question is None:
        return render_template(
            "intake/check.html",
            page_title=gettext("Check your answers"),
            transcript=engine.transcript(state),
            summary_rows=_summary_rows(engine.summary(state)),
            reply_plan=reply_plan(state.answers),
            resume_link=resume_url(token),
            conversation_id=draft.id,
            token=token,
            help_role=role,
        ), status
    title = (gettext("Error:") + " " if error else "") + question.text
    return render_template(
        "intake/chat.html",
        page_title=title,
        transcript=engine.transcript(state, until=question.id),
        question=question,
        error=error,
        typed=typed if error else question.value,
        changing=change is not None,
        can_go_back=question.id != engine.applicable(state.answers)[0].id,
        resume_link=resume_url(token),
        conversation_id=draft.id,
        token=token,
        help_role=role,
    ), status


@bp.get("/chat")
def chat():
    draft, token = _draft()
    if draft is None:
        return redirect(url_for("intake.start"))
    if is_sent(draft):
        return redirect(url_for("intake.sent"))
    engine = conversation_engine(db(), settings(), now())
    state = state_of(draft)
    change = request.args.get("change")
    if change is not None and not engine.can_answer(state, change):
        change = None
    return _render_chat(draft, token, state, engine, change=change)


@bp.post("/chat")
def answer():
    draft, token = _draft()
    if draft is None:
        return redirect(url_for("intake.start"))
    if is_sent(draft):
        return redirect(url_for("intake.sent"))
    at = now()
    engine = conversation_engine(db(), settings(), at)
    state = state_of(draft)
    step_id = request.form.get("step") or state.current
    # A quick reply ("I don't know") is a button of its own, so it wins over whatever is in the box.
    typed = request.form.get("answer", "")
    raw = request.form.get("quick") or typed
    changing = step_id != state.current
    try:
        reply = engine.answer(state, raw, step_id)
    except NotAskedNow:
        # An old page (the browser's back button): show where the conversation really is.
        return redirect(url_for("intake.chat"), 303)
    if reply.error:
        # 422: nothing is saved, the typed answer is shown again beside a message saying what to do.
        return _render_chat(
            draft,
            token,
            state,
            engine,
            change=step_id if changing else None,
            error=reply.error,
            typed=typed,
            status=422,
        )
    save(db(), draft, state, at)
    disclosure.record(db(), draft, state, settings(), at)
    after_answer(db(), draft, state, token, at)
    # Land on the help message when there is one, so it is the first thing seen; else on the next question.
    anchor = f"safety-{step_id}" if reply.safety else "question"
    return redirect(url_for("intake.chat", _anchor=anchor), 303)


@bp.post("/unsafe")
def unsafe():
    """The "I don't feel safe" button: one tap, no words. The help, and the duty manager alerted as for a disclosure."""
    draft, _token = _draft()
    if draft is None:
        return redirect(url_for("pages.help_now"), 303)
    if is_sent(draft):
        return redirect(url_for("intake.sent"), 303)
    at = now()
    engine = conversation_engine(db(), settings(), at)
    state = state_of(draft)
    pressed_at = state.current
    engine.feels_unsafe(state)
    save(db(), draft, state, at)
    disclosure.record(db(), draft, state, settings(), at, pressed_unsafe=True)
    # The page opens at the help; the question they were on follows it.
    return redirect(url_for("intake.chat", _anchor=f"unsafe-{pressed_at}"), 303)


@bp.post("/back")
def back():
    draft, _token = _draft()
    if draft is None or is_sent(draft):
        return redirect(url_for("intake.start"))
    at = now()
    engine = conversation_engine(db(), settings(), at)
    state = state_of(draft)
    engine.back(state)
    save(db(), draft, state, at)
    return redirect(url_for("intake.chat", _anchor="question"), 303)


@bp.post("/send")
@limiter.limit(SEND_LIMIT)
def send():
    draft, token = _draft()
    if draft is None:
        return redirect(url_for("intake.start"))
    at = now()
    engine = conversation_engine(db(), settings(), at)
    state = state_of(draft)
    answers = dict(state.answers)
    try:
        sent = submit(db(), draft, state, engine, settings(), at, status_url_for=status_url)
    except NotReady:
        return redirect(url_for("intake.chat"), 303)
    session[SENT_KEY] = {
        # After a disclosure the sent page says someone will check they are safe, and gives the help again.
        "categories": list(answers.get("_categories", [])) if answers.get("_flagged") else [],
        "flagged": bool(answers.get("_flagged")),
        "safe_reach": has_way_to_reach(answers),  # someone can reach them quickly to check they are safe
        "reachable": has_way_to_reach(answers) or reply_method(answers) == "post",  # an advocate can write
        "reference": sent.reference,
        # The team as this person is told it: a child or care leaver never sees its official name.
        "team": team_words(sent.team_name, sent.team_public_name, state.answers.get("role")),
        "due": sent.due.isoformat(),
        "status_token": sent.status_token,
        "advocacy_requested": sent.advocacy_requested,
        "has_email": bool(link_email(answers)),
        "contact": reply_method(answers),
        "role": state.answers.get("role"),
    }
    return redirect(url_for("intake.sent"), 303)


@bp.get("/sent")
def sent():
    details = session.get(SENT_KEY)
    if not isinstance(details, dict):
        return redirect(url_for("intake.start"))
    flagged = bool(details.get("flagged"))
    reachable = details.get("reachable", True)
    due_text = long_date(date.fromisoformat(details["due"]))
    return render_template(
        "intake/sent.html",
        page_title=gettext("We've got your complaint"),
        sent=details,
        due_text=due_text,
        status_url=status_url(details["status_token"]),
        next_steps=next_steps(details["team"] or "", due_text, details.get("contact"), flagged=flagged),
        advocate_words=advocate_words(details.get("advocacy_requested"), details.get("role"), reachable=reachable),
        services_intro=services_intro(details.get("role")),
        advocacy_services=ADVOCACY_SERVICES,
        safety=safety_help(details.get("categories") or [], details.get("role"), settings()) if flagged else None,
        help_role=details.get("role"),
    )


@bp.route("/sent/about-you", methods=["GET", "POST"])
def about_you():
    """The optional questions about the person (intake/equalities.py), once the complaint is sent."""
    details = session.get(SENT_KEY)
    if not isinstance(details, dict):
        return redirect(url_for("intake.start"))
    complaint = equalities.complaint_for(db(), details["status_token"])
    if complaint is None or equalities.already_answered(complaint) or details.get("about_you_done"):
        return redirect(url_for("intake.sent"), 303)
    errors: dict[str, str] = {}
    if request.method == "POST":
        answers, errors = equalities.read_answers(request.form)
        if not errors:
            equalities.record(db(), complaint, answers)
            session[SENT_KEY] = {**details, "about_you_done": True}
            return redirect(url_for("intake.sent", _anchor="about-you"), 303)
    return (
        render_template(
            "intake/about_you.html",
            page_title="Questions about you (you can skip them)",
            fields=equalities.radio_fields(request.form, errors),
            error_list=[{"text": message, "href": f"#{column}"} for column, message in errors.items()],
        ),
        400 if errors else 200,
    )


@bp.post("/forget")
def forget():
    """Take the draft off this device (a shared phone, a family computer); the resume link still works."""
    session.pop(TOKEN_KEY, None)
    session.pop(SENT_KEY, None)
    return render_template("intake/forgotten.html", page_title=gettext("Removed from this device"))


@bp.get("/resume/<token>")
def resume(token: str):
    draft = find_draft(db(), token, now())
    if draft is None:
        return render_template("intake/link_ended.html", page_title=gettext("This link has ended")), 404
    if is_sent(draft):
        return render_template("intake/already_sent.html", page_title=gettext("Already sent"))
    session[TOKEN_KEY] = token
    # Opens at the question they were on, not the top of a long chat.
    return redirect(url_for("intake.chat", _anchor="question"), 303)
