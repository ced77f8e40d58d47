"""Reason and lesson categories: finding one by what a spreadsheet or a form calls it, adding new ones, and the
admins' changes to the reason list (each audited).

Both lists are rows (`reason_category`, `learning_category`); a fresh database gets a default list of each from
migration 0009, and a council changes them here, never in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlmodel import Session, select

from models import audit
from models.audit import Action
from models.complaints import LearningCategory, ReasonCategory
from models.staff import StaffUser

CategoryModel = type[LearningCategory] | type[ReasonCategory]
MAX_LABEL = 200


def slugify(label: str) -> str:
    """ "Staff conduct / attitude" is "staff-conduct-attitude" (at most 64 characters, the slug column's size)."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:64].strip("-")


def _key(text: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", text.lower()).split())


@dataclass
class CategoryBook:
    """One list of categories, looked up by slug or label whatever the case or hyphens; new labels can be added."""

    model: CategoryModel
    what: str  # "reason", "learning category": how a problem names it
    by_key: dict[str, str] = field(default_factory=dict)  # slug or label, as _key, to slug
    ids: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # slug to label, for new ones too
    added: list[str] = field(default_factory=list)  # slugs of labels added by this import

    @classmethod
    def load(cls, session: Session, model: CategoryModel, what: str) -> CategoryBook:
        book = cls(model, what)
        rows: list[LearningCategory] | list[ReasonCategory]
        if model is LearningCategory:
            rows = list(session.exec(select(LearningCategory)).all())
        else:
            rows = list(session.exec(select(ReasonCategory)).all())
        for category in rows:
            assert category.id is not None
            book.ids[category.slug] = category.id
            book.labels[category.slug] = category.label
            book.by_key[_key(category.slug)] = category.slug
            book.by_key[_key(category.label)] = category.slug
        return book

    def known(self) -> str:
        return ", ".join(sorted(self.labels)) or "none yet"

    def find(self, label: str, *, add: bool) -> str:
        """The slug of `label`; a new label is added when `add`, otherwise ValueError naming the known ones."""
        slug = self.by_key.get(_key(label))
        if slug is not None:
            return slug
        if not add:
            raise ValueError(
                f"unknown {self.what} {label!r} (known: {self.known()}; or import with --add-categories to add it)"
            )
        slug = slugify(label)
        if not slug:
            raise ValueError(f"{self.what} {label!r} has no letters or digits")
        if slug in self.labels:  # the same words spelt another way ("Staff conduct!" after "staff conduct")
            return slug
        if len(label) > MAX_LABEL:
            raise ValueError(f"{self.what} {label[:40]!r}... is longer than {MAX_LABEL} characters")
        self.labels[slug] = label.strip()
        self.by_key[_key(label)] = self.by_key[_key(slug)] = slug
        self.added.append(slug)
        return slug

    def write_added(self, session: Session, actor: StaffUser | str) -> None:
        """Create the categories this import added (before its stages point at them)."""
        for slug in self.added:
            if slug in self.ids:
                continue
            category = self.model(slug=slug, label=self.labels[slug])
            session.add(category)
            session.flush()
            assert category.id is not None
            self.ids[slug] = category.id
            audit.record(session, actor, None, Action.CATEGORY_ADDED, after=_snapshot(category))


def _snapshot(category: LearningCategory | ReasonCategory) -> dict[str, object]:
    return {"list": category.__tablename__, "slug": category.slug, "label": category.label, "active": category.active}


# --- what admins change in the page ----------------------------------------------------------------------------


class CategoryRefused(ValueError):
    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.message, self.field = message, field


def _label(text: str) -> str:
    label = " ".join((text or "").split())
    if not label:
        raise CategoryRefused("Enter the words staff will see, like Staff conduct", "label")
    if len(label) > MAX_LABEL:
        raise CategoryRefused(f"Keep it to {MAX_LABEL} characters or fewer", "label")
    return label


def reason_categories(session: Session) -> list[ReasonCategory]:
    return list(session.exec(select(ReasonCategory).order_by(ReasonCategory.label)).all())


def add_reason(session: Session, actor: StaffUser, label: str) -> ReasonCategory:
    label = _label(label)
    slug = slugify(label)
    if not slug:
        raise CategoryRefused("Use some letters or numbers", "label")
    clash = session.exec(select(ReasonCategory).where(ReasonCategory.slug == slug)).first()
    if clash is not None:
        raise CategoryRefused(f"There is already a reason called {clash.label}", "label")
    category = ReasonCategory(slug=slug, label=label)
    session.add(category)
    session.flush()
    audit.record(session, actor, None, Action.CATEGORY_ADDED, after=_snapshot(category))
    return category


def change_reason(session: Session, actor: StaffUser, category_id: int, *, label: str, active: bool) -> ReasonCategory:
    """Rename a reason or switch it off (the slug stays, so imports and past figures keep their meaning)."""
    category = session.get(ReasonCategory, category_id)
    if category is None:
        raise CategoryRefused("That reason no longer exists", "label")
    before = _snapshot(category)
    category.label, category.active = _label(label), active
    after = _snapshot(category)
    if after == before:
        raise CategoryRefused("Nothing was changed", "label")
    session.add(category)
    session.flush()
    audit.record(session, actor, None, Action.CATEGORY_CHANGED, before=before, after=after)
    return category
