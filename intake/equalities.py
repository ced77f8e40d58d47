"""The optional questions about the person, asked once a complaint is sent: age, gender, ethnic group, disability.

They help the council check it treats everyone fairly (the annual report counts them, hiding groups under 5).
Asked after sending, never before, so nobody's complaint waits on them, and each has "prefer not to say"; the
values are the ONS groups in models/equalities.py. They are kept once: a complaint whose answers are already
recorded (or imported) keeps them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from content.i18n import N_, gettext
from models.complaints import Complaint, hash_token
from models.equalities import EQUALITIES

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("age_band", N_("How old are you?")),
    ("gender", N_("What is your sex or gender?")),
    ("ethnicity", N_("What is your ethnic group?")),
    ("disability", N_("Do you have a disability or a long-term health condition?")),
)
UNKNOWN_ANSWER = N_("Choose one of the answers, or leave this question out")


def choices(column: str) -> dict[str, str]:
    """A question's answers: slug -> words."""
    return dict(EQUALITIES[column])


def radio_fields(form: Mapping[str, str], errors: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each question as the GOV.UK radios component's parameters, with what was chosen and any problem."""
    return [
        {
            "idPrefix": column,
            "name": column,
            "classes": "govuk-radios--small",
            "fieldset": {"legend": {"text": gettext(question), "classes": "govuk-fieldset__legend--s"}},
            "items": [
                {"value": slug, "text": gettext(words), "checked": form.get(column) == slug}
                for slug, words in choices(column).items()
            ],
            "errorMessage": {"text": errors[column]} if column in errors else None,
        }
        for column, question in QUESTIONS
    ]


def complaint_for(session: Session, status_token: str) -> Complaint | None:
    return session.exec(select(Complaint).where(Complaint.status_token_hash == hash_token(status_token))).first()


def already_answered(complaint: Complaint) -> bool:
    return any(getattr(complaint, column) for column, _ in QUESTIONS)


def read_answers(form: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The answers given (column -> slug) and the problems (column -> message); an unanswered question is fine."""
    answers: dict[str, str] = {}
    errors: dict[str, str] = {}
    for column, _ in QUESTIONS:
        value = (form.get(column) or "").strip()
        if not value:
            continue
        if value not in choices(column):
            errors[column] = gettext(UNKNOWN_ANSWER)
        else:
            answers[column] = value
    return answers, errors


def record(session: Session, complaint: Complaint, answers: Mapping[str, str]) -> bool:
    """Keep the answers on the complaint, once; False when answers were already there (nothing is changed)."""
    if already_answered(complaint):
        return False
    for column, value in answers.items():
        setattr(complaint, column, value)
    session.add(complaint)
    return True
