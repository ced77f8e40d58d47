"""The conversation as JSON (/api/v1/conversations): what static/js/chat.mjs uses to make the page a live chat.

Same engine as the HTML view; this module only reads requests and shapes replies.
Errors are {"error": {"code", "message", "field"?}} with a 4xx status, never a 500.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from content.complainant import team_words
from content.dates import long_date
from content.i18n import gettext
from content.safety_help import DANGER_NOW
from extensions import csrf, limiter
from intake import disclosure
from intake.conversation import conversation_engine
from intake.drafts import KEEP_FOR, create_draft, find_draft, is_sent, read_draft, save, state_of
from intake.engine import Engine, NotAskedNow, State
from intake.flow import READY
from intake.submission import NotReady, submit
from intake.views.limits import SEND_LIMIT, START_LIMIT
from intake.views.links import after_answer, resume_url, status_url
from models.base import require_id
from web.context import db, now, settings
from web.errors import ApiError

bp = Blueprint("intake_api", __name__, url_prefix="/api/v1")
# The API takes its authority from the conversation's token in the Authorization header, never from a cookie,
# so a cross-site page cannot make a browser act with it: CSRF protection (a cookie defence) has nothing to add.
csrf.exempt(bp)


@bp.errorhandler(429)
def _too_many(_error):
    return jsonify(
        {
            "error": {
                "code": "too_many_requests",
                "message": gettext("A lot has been sent from here in a short time. Please wait a while and try again.")
                + " "
                + DANGER_NOW.translated().text,
            }
        }
    ), 429


BEARER = 'Bearer realm="conversations"'


def _conversation(conversation_id: int, *, showing_only: bool = False):
    """The draft named in the URL, if the bearer token is its own (`showing_only`: read, never saved)."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            401,
            "unauthorised",
            gettext("Send the conversation's token in the Authorization header, like: Bearer <token>"),
            headers={"WWW-Authenticate": BEARER},
        )
    session = db()
    at = now()
    draft = (read_draft if showing_only else find_draft)(session, token.strip(), at, draft_id=conversation_id)
    if draft is None:
        # 401, not 404: the token is what failed (RFC 6750); the same answer whether or not the id exists.
        raise ApiError(
            401,
            "invalid_token",
            gettext(
                "That token does not open this conversation. It may have ended: drafts are kept for %(days)s days.",
                days=KEEP_FOR.days,
            ),
            headers={"WWW-Authenticate": BEARER + ', error="invalid_token"'},
        )
    return session, draft, token.strip(), at


def _view(engine: Engine, state: State, conversation_id: int) -> dict[str, Any]:
    question = engine.question(state)
    body: dict[str, Any] = {
        "id": conversation_id,
        "question": question.as_dict() if question else None,
        "transcript": [message.as_dict() for message in engine.transcript(state)],
    }
    if state.current == READY:
        body["summary"] = [row.__dict__ for row in engine.summary(state)]
    return body


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", gettext('Send a JSON object, like {"answer": "yes"}'))
    return data


def _answer_text(data: dict[str, Any]) -> str:
    answer = data.get("answer", "")
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    if answer is None:
        return ""
    if not isinstance(answer, str):
        raise ApiError(422, "wrong_type", gettext('Send the answer as text, like {"answer": "yes"}'), field="answer")
    return answer


@bp.post("/conversations")
@limiter.limit(START_LIMIT)
def start():
    session, at = db(), now()
    engine = conversation_engine(session, settings(), at)
    draft, token = create_draft(session, engine, at)
    body = _view(engine, state_of(draft), require_id(draft))
    body["token"] = token
    body["resume_url"] = resume_url(token)
    return jsonify(body), 201


@bp.get("/conversations/<int:conversation_id>")
def show(conversation_id: int):
    session, draft, _token, at = _conversation(conversation_id, showing_only=True)
    if is_sent(draft):
        raise ApiError(
            409, "already_sent", gettext("This complaint has been sent. Use your private link to see how it's going.")
        )
    return jsonify(_view(conversation_engine(session, settings(), at), state_of(draft), draft.id))


@bp.post("/conversations/<int:conversation_id>/answers")
def answer(conversation_id: int):
    session, draft, token, at = _conversation(conversation_id)
    data = _body()
    if is_sent(draft):
        raise ApiError(409, "already_sent", gettext("This complaint has been sent already. Thank you."))
    engine = conversation_engine(session, settings(), at)
    state = state_of(draft)
    step_id = data.get("step")
    if step_id is not None and not isinstance(step_id, str):
        raise ApiError(422, "wrong_type", gettext('Send the step as text, like "what_happened"'), field="step")
    text = _answer_text(data)
    try:
        reply = engine.answer(state, text, step_id)
    except NotAskedNow:
        question = engine.question(state)
        raise ApiError(
            409,
            "not_asked",
            gettext("That question isn't being asked now. Answer the current question."),
            field="step",
            question=question.as_dict() if question else None,
        ) from None
    if reply.error:
        question = engine.question(state, step_id)
        raise ApiError(
            422,
            reply.error.code,
            reply.error.message,
            field="answer",
            question=question.as_dict() if question else None,
        )
    save(session, draft, state, at)
    disclosure.record(session, draft, state, settings(), at)
    after_answer(session, draft, state, token, at)
    body = _view(engine, state, draft.id)
    if reply.safety:
        body["safety"] = reply.safety.as_dict()
    if reply.notes:
        body["notes"] = list(reply.notes)
    return jsonify(body)


@bp.post("/conversations/<int:conversation_id>/unsafe")
def unsafe(conversation_id: int):
    """The "I don't feel safe" button: the help, and the duty manager alerted as for an answer suggesting danger."""
    session, draft, _token, at = _conversation(conversation_id)
    if is_sent(draft):
        raise ApiError(
            409,
            "already_sent",
            gettext("This complaint has been sent. Your private link has an 'I don't feel safe' button.")
            + " "
            + DANGER_NOW.translated().text,
        )
    engine = conversation_engine(session, settings(), at)
    state = state_of(draft)
    help_ = engine.feels_unsafe(state)
    save(session, draft, state, at)
    disclosure.record(session, draft, state, settings(), at, pressed_unsafe=True)
    body = _view(engine, state, draft.id)
    body["safety"] = help_.as_dict()
    return jsonify(body)


@bp.post("/conversations/<int:conversation_id>/back")
def back(conversation_id: int):
    session, draft, _token, at = _conversation(conversation_id)
    if is_sent(draft):
        raise ApiError(409, "already_sent", gettext("This complaint has been sent already. Thank you."))
    engine = conversation_engine(session, settings(), at)
    state = state_of(draft)
    engine.back(state)
    save(session, draft, state, at)
    return jsonify(_view(engine, state, draft.id))


@bp.post("/conversations/<int:conversation_id>/submit")
@limiter.limit(SEND_LIMIT)
def send(conversation_id: int):
    session, draft, _token, at = _conversation(conversation_id)
    engine = conversation_engine(session, settings(), at)
    state = state_of(draft)
    try:
        sent = submit(session, draft, state, engine, settings(), at, status_url_for=status_url)
    except NotReady:
        question = engine.question(state)
        raise ApiError(
            409,
            "not_ready",
            gettext("There are still questions to answer before you can send it."),
            question=question.as_dict() if question else None,
        ) from None
    return jsonify(
        {
            "reference": sent.reference,
            "team": sent.team_name,
            # The team as this person is told it (a child or care leaver never sees the official name).
            "team_words": team_words(sent.team_name, sent.team_public_name, state.answers.get("role")),
            "due": sent.due.isoformat(),
            "due_text": long_date(sent.due),
            "status_url": status_url(sent.status_token),
        }
    ), 201
