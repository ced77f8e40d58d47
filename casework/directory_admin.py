"""What an admin changes in the team directory from the web page: a team's names, the names people use for it
(former names, other labels, abbreviations, keywords), its workers and its manager accounts.

A saved team goes through the same upsert as the CSV import (casework/directory.py), so the two can never
disagree; that write stamps the directory's version (models/teams.py), so every worker's router is rebuilt on its
next request and a complaint naming a worker just added routes to their team at once. Each change is audited with
what it was before and after.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from sqlmodel import Session, col, func, select

from casework import audit, staff_admin
from casework.accounts import AccountError
from casework.directory import LIST_COLUMNS, SLUG, WORKER, TeamRow, import_directory, snapshot, too_long
from content.email_address import one_email_address
from models.audit import Action
from models.staff import Role, StaffUser
from models.teams import Team
from settings import Settings

# The form's lists, one entry a line: (field, words on the page).
LIST_FIELDS = (
    ("former_names", "Former names"),
    ("variant_labels", "Other labels (in old reports and spreadsheets)"),
    ("abbreviations", "Abbreviations"),
    ("keywords", "Keywords (words only this team's work uses)"),
    ("workers", "Workers"),
)


class DirectoryEditError(ValueError):
    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.message = message
        self.field = field


def _lines(text: str, field: str, what: str) -> list[str]:
    entries = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for entry in entries:
        if ";" in entry:  # the CSV keeps lists with ";" between entries: one would come back as two
            raise DirectoryEditError(f"Put each of the {what} on its own line, without ';'", field)
    return list(dict.fromkeys(entries))


def form_values(session: Session, team: Team | None) -> dict[str, str]:
    """The form's fields for `team` (empty for a new one)."""
    if team is None:
        return {"active": "yes", "is_lac": "no"}
    row = snapshot(session, team)
    values = {
        "slug": row.slug,
        "name": row.name,
        "public_name": row.public_name,
        "manager_name": row.manager_name,
        "manager_email": row.manager_email,
        "active": "yes" if row.active else "no",
        "is_lac": "yes" if row.is_lac else "no",
        "workers": "\n".join(f"{name} ({title})" if title else name for name, title in row.workers),
    }
    for column, kind in LIST_COLUMNS.items():
        values[column] = "\n".join(text for alias_kind, text in row.aliases if alias_kind == kind.value)
    return values


def _row_from_form(settings: Settings, slug: str, form: Mapping[str, str]) -> TeamRow:
    name = (form.get("name") or "").strip()
    if not name:
        raise DirectoryEditError("Enter the team's name", "name")
    manager_email = (form.get("manager_email") or "").strip()
    if manager_email:
        address = one_email_address(manager_email, allow_test_domain=settings.environment == "test")
        if address is None:
            raise DirectoryEditError(
                "Enter the manager's email address like name@example.com, or leave it empty", "manager_email"
            )
        manager_email = address
    aliases: list[tuple[str, str]] = []
    for column, kind in LIST_COLUMNS.items():
        what = dict(LIST_FIELDS)[column].split(" (")[0].lower()
        aliases += [(kind.value, text) for text in _lines(form.get(column, ""), column, what)]
    workers = []
    for entry in _lines(form.get("workers", ""), "workers", "workers"):
        match = WORKER.match(entry)
        if match is None:
            raise DirectoryEditError(
                f"Write a worker as a name, then their job in brackets if you like: not {entry!r}", "workers"
            )
        workers.append((match["name"].strip(), (match["title"] or "").strip()))
    row = TeamRow(
        slug=slug,
        name=name,
        is_lac=form.get("is_lac") == "yes",
        active=form.get("active", "yes") == "yes",
        manager_name=(form.get("manager_name") or "").strip(),
        manager_email=manager_email,
        aliases=tuple(dict.fromkeys(aliases)),
        workers=tuple(dict.fromkeys(workers)),
        public_name=(form.get("public_name") or "").strip(),
    )
    problems = too_long(row)
    if problems:
        # too_long names what is too long first ("keyword 'abc'... is longer than 300 characters"): its field.
        what = problems[0].split(" ")[0]
        field = {kind.value: column for column, kind in LIST_COLUMNS.items()} | {"worker": "workers", "job": "workers"}
        message = problems[0].replace("_", " ")
        raise DirectoryEditError(message[0].upper() + message[1:], field.get(what, what))
    return row


def _as_record(row: TeamRow) -> dict[str, object]:
    record: dict[str, object] = {
        "name": row.name,
        "public_name": row.public_name,
        "active": row.active,
        "is_lac": row.is_lac,
        "manager_name": row.manager_name,
        "manager_email": row.manager_email,
        "workers": [f"{name} ({title})" if title else name for name, title in row.workers],
    }
    for column, kind in LIST_COLUMNS.items():
        record[column] = [text for alias_kind, text in row.aliases if alias_kind == kind.value]
    return record


def new_slug(session: Session, name: str) -> str:
    """A team's short name from its name ("Leaving Care (North)" -> "leaving-care-north"), unique."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:56] or "team"
    slug, number = base, 2
    while session.exec(select(Team.id).where(Team.slug == slug)).first() is not None:
        slug, number = f"{base}-{number}", number + 1
    return slug


def save_team(
    session: Session, settings: Settings, actor: StaffUser, slug: str | None, form: Mapping[str, str]
) -> tuple[Team, bool]:
    """Add a team (slug None) or change one; returns it and whether anything changed. Audited."""
    team = None
    if slug is not None:
        team = session.exec(select(Team).where(Team.slug == slug)).first()
        if team is None:
            raise DirectoryEditError("There is no such team", "name")
    before = _as_record(snapshot(session, team)) if team is not None else None
    new_name = (form.get("name") or "").strip()
    row = _row_from_form(settings, slug or new_slug(session, new_name), form)
    # Two teams with one name would split the router's votes and leave staff guessing which is which.
    same_name = select(Team.slug).where(func.lower(Team.name) == row.name.lower(), Team.slug != row.slug)
    if session.exec(same_name).first() is not None:
        raise DirectoryEditError(f"There is already a team called {row.name}", "name")
    assert SLUG.match(row.slug)
    import_directory(session, [row])
    saved = session.exec(select(Team).where(Team.slug == row.slug)).one()
    after = _as_record(snapshot(session, saved))
    if before is None:
        audit.record(session, actor, None, Action.DIRECTORY_TEAM_ADDED, after={"team": saved.slug, **after})
        return saved, True
    changed = [key for key in after if after[key] != before[key]]
    if not changed:
        return saved, False
    audit.record(
        session,
        actor,
        None,
        Action.DIRECTORY_TEAM_CHANGED,
        before={"team": saved.slug, **{key: before[key] for key in changed}},
        after={"team": saved.slug, **{key: after[key] for key in changed}},
    )
    return saved, True


def manager_accounts(session: Session, team: Team) -> list[StaffUser]:
    """The team's manager accounts (each gets the team's reminder emails, beside the directory's address)."""
    statement = select(StaffUser).where(StaffUser.role == Role.MANAGER, StaffUser.team_id == team.id)
    return list(session.exec(statement.order_by(col(StaffUser.name))).all())


def manager_candidates(session: Session, team: Team) -> list[StaffUser]:
    """Accounts that could become a manager of `team`: active officers and other teams' managers, never admins."""
    statement = select(StaffUser).where(
        col(StaffUser.active),
        col(StaffUser.role).in_((Role.OFFICER.value, Role.MANAGER.value)),
        (col(StaffUser.team_id).is_(None)) | (col(StaffUser.team_id) != team.id) | (StaffUser.role != Role.MANAGER),
    )
    return list(session.exec(statement.order_by(col(StaffUser.name))).all())


def add_manager(session: Session, actor: StaffUser, team: Team, account: str, now: datetime) -> StaffUser:
    """Make an account a manager of `team`: a role change like any other (signed out, admins told, audited)."""
    if not account.isdigit() or len(account) > 9:
        raise DirectoryEditError("Choose an account", "manager")
    try:
        return staff_admin.set_role(session, actor, int(account), Role.MANAGER.value, team.slug, now)
    except AccountError as error:
        raise DirectoryEditError(error.message, "manager") from None
