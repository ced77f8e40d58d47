"""The lists staff choose from when they record a response: lesson categories (the reasons for complaints are
edited on their own page, casework/categories.py). An admin adds one, renames one or stops offering it; a category
is never deleted, because past stages and the reports still name it. Each change is audited.

Every kind of category is a table with `slug`, `label` and `active` and is described once in `CATEGORY_KINDS`;
the admin page draws a section for each, so another kind is one more entry here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, func, select

from casework import audit
from models.audit import Action
from models.base import max_length, table_of
from models.complaints import LearningCategory
from models.staff import StaffUser


@dataclass(frozen=True)
class CategoryKind:
    key: str  # in the page's addresses: /staff/admin/categories/<key>
    title: str  # the page's heading for the section
    hint: str
    # A table with slug, label and active; typed loosely because each kind is a different SQLModel class.
    model: Any


CATEGORY_KINDS: dict[str, CategoryKind] = {
    "lessons": CategoryKind(
        "lessons",
        "Lessons learned",
        "Chosen when a response is recorded; the annual report counts them.",
        LearningCategory,
    ),
    # Reasons for complaints have their own page (/staff/admin/reasons, casework/categories.py), which the
    # importer's lookups share; folding them in here is one more entry once that page goes.
}


class CategoryError(ValueError):
    def __init__(self, message: str, field: str = "label"):
        super().__init__(message)
        self.message = message
        self.field = field


def kind_of(key: str) -> CategoryKind | None:
    return CATEGORY_KINDS.get(key)


def categories(session: Session, kind: CategoryKind) -> list:
    model = kind.model
    return list(session.exec(select(model).order_by(col(model.label))).all())


def _label(session: Session, kind: CategoryKind, text: str) -> str:
    label = " ".join((text or "").split())
    if not label:
        raise CategoryError("Enter the category's words")
    limit = max_length(table_of(kind.model), "label") or 200
    if len(label) > limit:
        raise CategoryError(f"Keep it to {limit} characters or fewer")
    model = kind.model
    if session.exec(select(model.id).where(func.lower(model.label) == label.lower())).first() is not None:
        raise CategoryError(f"There is already a category called {label!r}")
    return label


def _slug(session: Session, kind: CategoryKind, label: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:56] or "category"
    slug, number = base, 2
    while session.exec(select(kind.model.id).where(kind.model.slug == slug)).first() is not None:
        slug, number = f"{base}-{number}", number + 1
    return slug


def add(session: Session, actor: StaffUser, kind: CategoryKind, text: str):
    label = _label(session, kind, text)
    row = kind.model(slug=_slug(session, kind, label), label=label, active=True)
    session.add(row)
    session.flush()
    audit.record(
        session, actor, None, Action.CATEGORY_ADDED, after={"kind": kind.key, "slug": row.slug, "label": label}
    )
    return row


def change(session: Session, actor: StaffUser, kind: CategoryKind, category_id: int, *, label: str, active: bool):
    """Rename a category (its slug stays, so the figures keep their history) and offer it or stop offering it."""
    row = session.get(kind.model, category_id)
    if row is None:
        raise CategoryError("There is no such category")
    new_label = " ".join((label or "").split())
    before: dict[str, object] = {}
    after: dict[str, object] = {}
    if new_label != row.label:
        new_label = _label(session, kind, new_label) if new_label.lower() != row.label.lower() else new_label
        if not new_label:
            raise CategoryError("Enter the category's words")
        before["label"], after["label"] = row.label, new_label
        row.label = new_label
    if active != row.active:
        before["active"], after["active"] = row.active, active
        row.active = active
    if after:
        session.add(row)
        audit.record(
            session,
            actor,
            None,
            Action.CATEGORY_CHANGED,
            before={"kind": kind.key, "slug": row.slug, **before},
            after={"kind": kind.key, "slug": row.slug, **after},
        )
    return row
