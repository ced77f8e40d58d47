"""`ask` about lesson actions: "how many lesson actions are open", "how many actions are overdue" (now).

A small reader beside the parser, not part of it: the parser's measures count complaints, and these count actions.
It answers only when the question names actions with "lesson" or "learning", or asks about open, outstanding or
overdue actions; anything else (a question about the lesson category "Failure or delay completing agreed actions",
say) goes to the parser as before.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session, col

from content.dates import plain_date
from models.complaints import Complaint, StageRecord
from models.lessons import ActionStatus, LessonAction
from queries.answers import Answer

_ACTIONS = r"actions?"
_ABOUT_ACTIONS = re.compile(
    rf"\b(?:lesson|learning)s?\s+{_ACTIONS}\b"
    rf"|\b(?:open|outstanding|overdue|late)\s+{_ACTIONS}\b"
    rf"|\b{_ACTIONS}\s+(?:are\s+|is\s+)?(?:still\s+)?(?:open|outstanding|overdue|late)\b"
)
_OVERDUE = re.compile(r"\b(?:overdue|late|past\s+(?:their|the|its)\s+due)\b")
_COUNTING = re.compile(r"\b(?:how\s+many|number\s+of|count)\b")


# The count is of actions open now: a question with a period in it ("from 2017/18", "last year") is not this
# one, and is left to the parser (which says it is not sure) rather than answered for a period it did not mean.
_PERIOD = re.compile(
    r"\d|\b(?:year|years|month|months|week|weeks|quarter|since|from|between|last|this|ago|before|after|during"
    r"|january|february|march|april|may|june|july|august|september|october|november|december)\b"
)


# Every word such a question needs. Any other word (a team, a stage, an owner) narrows it in a way this reader does
# not follow, so the question goes to the parser instead of being answered for everyone.
_WORDS = frozenset(
    [
        "how",
        "many",
        "number",
        "of",
        "count",
        "lesson",
        "lessons",
        "learning",
        "action",
        "actions",
        "are",
        "is",
        "open",
        "outstanding",
        "overdue",
        "late",
        "still",
        "there",
        "the",
        "do",
        "we",
        "have",
        "got",
        "right",
        "now",
        "currently",
        "at",
        "moment",
        "in",
        "total",
        "all",
        "what",
    ]
)


def is_about_actions(question: str) -> bool:
    text = question.lower()
    words = re.findall(r"[a-z]+", text)
    return (
        bool(_ABOUT_ACTIONS.search(text))
        and bool(_COUNTING.search(text))
        and not _PERIOD.search(text)
        and set(words) <= _WORDS
    )


def answer(session: Session, question: str, as_of: date, team_ids: frozenset[int] | None) -> Answer | None:
    """The count of open (or overdue) lesson actions, for every team or the asker's own; None when not asked."""
    if not is_about_actions(question):
        return None
    overdue_only = bool(_OVERDUE.search(question.lower()))
    team = func.coalesce(col(StageRecord.team_id), col(Complaint.team_id))
    base = (
        select(func.count(col(LessonAction.id)))
        .join(StageRecord, col(StageRecord.id) == col(LessonAction.stage_record_id))
        .join(Complaint, col(Complaint.id) == col(StageRecord.complaint_id))
        .where(col(LessonAction.status) == ActionStatus.OPEN.value, col(Complaint.purged_at).is_(None))
    )
    if team_ids is not None:
        base = base.where(team.in_(sorted(team_ids)))
    opened = session.execute(base).scalar() or 0
    late = session.execute(base.where(col(LessonAction.due_on) < as_of)).scalar() or 0
    where = "In your team, " if team_ids is not None else ""
    if overdue_only:
        value = late
        before = plain_date(as_of)
        text = f"{where}{late} of {opened} open lesson {_actions(opened)} {_are(late)} overdue (due before {before})."
    else:
        value = opened
        text = f"{where}{opened} lesson {_actions(opened)} {_are(opened)} open; {late} of them {_are(late)} overdue."
    return Answer(
        question=question,
        answer=text,
        value=value,
        unit="actions",
        rows=[{"key": "open", "label": "Open", "value": opened}, {"key": "overdue", "label": "Overdue", "value": late}],
        interpretation={
            "status": "ok",
            "measure": "lesson-actions",
            "overdue": overdue_only,
            "as_of": as_of.isoformat(),
        },
    )


def _actions(count: int) -> str:
    return "action" if count == 1 else "actions"


def _are(count: int) -> str:
    return "is" if count == 1 else "are"
