"""The links a conversation view builds (resume, status), and emailing the resume link once we have an address.

Every link starts with BASE_URL, never the request's Host: a link built from the Host header would let anyone
make the council's mail server send a stranger "carry on with your complaint" pointing at another site.
"""

from __future__ import annotations

from datetime import datetime

from flask import url_for
from sqlmodel import Session

from content.i18n import DEFAULT_LANGUAGE, current_language
from intake.drafts import queue_resume_email
from intake.engine import State
from intake.flow import reply_method
from models.drafts import ConversationDraft
from web.context import settings


def _in_this_language(path: str) -> str:
    """A private link opens in the language the person used, in whatever browser they open it (web/languages.py)."""
    language = current_language()
    return path if language == DEFAULT_LANGUAGE else f"{path}?lang={language}"


def resume_url(token: str) -> str:
    return settings().base_url + _in_this_language(url_for("intake.resume", token=token))


def status_url(token: str) -> str:
    """The private link to the status page. The page belongs to casework; its path is the contract."""
    return settings().base_url + _in_this_language(f"/status/{token}")


def after_answer(session: Session, draft: ConversationDraft, state: State, token: str, at: datetime) -> None:
    """Email the resume link to the person's own address (not an advocate's) as soon as we have it."""
    email = state.answers.get("email")
    if reply_method(state.answers) == "email" and isinstance(email, str) and email:
        queue_resume_email(session, draft, email, resume_url(token), at)
