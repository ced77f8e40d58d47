"""Feedback that is not a complaint (compliments, enquiries, MP and councillor enquiries, pre-complaints,
complaints from professionals): recorded by staff in the page or imported from a CSV, counted by the report.

Its summary is staff's own words and may name people: it is counted, never copied, into the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from casework.csv_rows import UnreadableCsv, dict_reader, numbered_rows, oversized
from casework.import_values import read_date
from casework.roles import scope_to_user
from intake.routing import Router
from models import audit
from models.audit import Action
from models.base import require_id
from models.feedback import Feedback, FeedbackKind
from models.staff import StaffUser
from models.teams import Team

FEEDBACK_COLUMNS = ("kind", "received_on", "team", "responded_on", "summary")
REQUIRED = ("kind", "received_on")
MAX_SUMMARY = 5000
PROGRESS_EVERY = 250
KIND_WORDS = (
    {kind.value: kind.value for kind in FeedbackKind}
    | {kind.label.lower(): kind.value for kind in FeedbackKind}
    | {
        "compliments": FeedbackKind.COMPLIMENT.value,
        "mp enquiry": FeedbackKind.MP_ENQUIRY.value,
        "member enquiry": FeedbackKind.COUNCILLOR_ENQUIRY.value,
        "councillor enquiry": FeedbackKind.COUNCILLOR_ENQUIRY.value,
        "pre complaint": FeedbackKind.PRE_COMPLAINT.value,
        "professional complaint": FeedbackKind.PROFESSIONAL_COMPLAINT.value,
    }
)


class FeedbackRefused(ValueError):
    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.message, self.field = message, field


def _kind(value: str) -> str | None:
    return KIND_WORDS.get(" ".join(value.lower().replace("-", " ").split())) or KIND_WORDS.get(value.lower())


def record_feedback(
    session: Session,
    actor: StaffUser,
    *,
    kind: str,
    received_on: date | None,
    team_slug: str,
    responded_on: date | None,
    summary: str,
    today: date,
) -> Feedback:
    """Staff record one piece of feedback. A manager records only for their own team."""
    if kind not in {k.value for k in FeedbackKind}:
        raise FeedbackRefused("Choose what kind of feedback it is", "kind")
    if received_on is None:
        raise FeedbackRefused("Enter the date it was received, like 5 4 2026", "received_on")
    if received_on > today:
        raise FeedbackRefused("The date it was received must be today or in the past", "received_on")
    team = None
    if team_slug:
        statement = scope_to_user(select(Team).where(Team.slug == team_slug, Team.active), actor, Team.id)
        team = session.exec(statement).first()
        if team is None:
            raise FeedbackRefused("Choose a team from the list", "team")
    elif actor.role == "manager":
        raise FeedbackRefused("Choose your team", "team")
    if responded_on is not None and not received_on <= responded_on <= today:
        raise FeedbackRefused(
            "The reply date must be on or after it was received, and not in the future", "responded_on"
        )
    summary = (summary or "").strip()
    if not summary:
        raise FeedbackRefused("Enter a short summary", "summary")
    if len(summary) > MAX_SUMMARY:
        raise FeedbackRefused(f"Keep the summary to {MAX_SUMMARY} characters or fewer", "summary")
    item = Feedback(
        kind=kind,
        received_on=received_on,
        team_id=team.id if team else None,
        responded_on=responded_on,
        summary=summary,
        recorded_by_id=actor.id,
    )
    session.add(item)
    session.flush()
    audit.record(
        session,
        actor,
        None,
        Action.FEEDBACK_RECORDED,
        after={
            "feedback_id": require_id(item),
            "kind": kind,
            "team": team.slug if team else None,
            "received_on": received_on,
            "responded_on": responded_on,
            "summary_characters": len(summary),
        },
    )
    return item


def recent_feedback(session: Session, user: StaffUser, limit: int = 50) -> list[tuple[Feedback, Team | None]]:
    """The latest feedback `user` may see (a manager: their team's), newest first."""
    statement = select(Feedback, Team).join(Team, col(Feedback.team_id) == Team.id, isouter=True)
    statement = scope_to_user(statement, user, col(Feedback.team_id))
    statement = statement.order_by(col(Feedback.received_on).desc(), col(Feedback.id).desc()).limit(limit)
    return [(item, team) for item, team in session.exec(statement).all()]


# --- import ---------------------------------------------------------------------------------------------------


@dataclass
class FeedbackImport:
    rows: int = 0
    created: int = 0
    problems: list[str] = field(default_factory=list)
    ambiguous_dates: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    written: bool = False

    def table(self) -> str:
        rows = [
            ("Rows read", self.rows),
            ("Problems", len(self.problems)),
            ("New feedback", self.created),
            *((FeedbackKind(kind).label, n) for kind, n in sorted(self.by_kind.items())),
            ("Dates read day first (day and month could swap)", self.ambiguous_dates),
        ]
        width = max(len(label) for label, _ in rows)
        title = "Written" if self.written else "Nothing written (dry run or refused)"
        return "\n".join([f"Import summary: {title}"] + [f"  {label:<{width}}  {n:>7,}" for label, n in rows])


class FeedbackImportRefused(Exception):
    def __init__(self, report: FeedbackImport):
        super().__init__(f"{len(report.problems)} problems; nothing was written")
        self.report = report


def import_feedback(
    session: Session,
    text: str,
    *,
    today: date,
    dry_run: bool = False,
    skip_invalid: bool = False,
    router: Router | None = None,
    progress: Callable[[str], None] | None = None,
) -> FeedbackImport:
    """Load feedback from CSV `text` (columns kind, received_on, team, responded_on, summary). A file with any bad
    row is refused whole (FeedbackImportRefused) unless `skip_invalid`. Teams are matched by the router."""
    router = router or Router.from_session(session)
    team_ids = {team.slug: require_id(team) for team in session.exec(select(Team))}
    report = FeedbackImport()
    reader = dict_reader(text)
    missing = [column for column in REQUIRED if column not in (reader.fieldnames or [])]
    if missing:
        report.problems.append(f"line 1: the header has no {', '.join(missing)} column")
        raise FeedbackImportRefused(report)
    items: list[Feedback] = []
    try:
        for line, raw in numbered_rows(reader):
            report.rows += 1
            if progress is not None and report.rows % PROGRESS_EVERY == 0:
                progress(f"{report.rows:,} rows read, {len(report.problems):,} problems so far")
            item, problems = _read_row(raw, router, team_ids, today, report)
            report.problems.extend(f"line {line}: {problem}" for problem in problems)
            if item is not None:
                items.append(item)
    except UnreadableCsv as error:
        report.problems.append(str(error))
    if report.problems and not skip_invalid:
        raise FeedbackImportRefused(report)
    session.add_all(items)
    for item in items:
        report.by_kind[item.kind] = report.by_kind.get(item.kind, 0) + 1
    report.created = len(items)
    session.flush()
    audit.record(session, "importer", None, Action.FEEDBACK_IMPORTED, after={"rows": report.rows} | report.by_kind)
    if dry_run:
        session.rollback()
    else:
        report.written = True
    return report


def _read_row(
    raw: dict, router: Router, team_ids: dict[str, int], today: date, report: FeedbackImport
) -> tuple[Feedback | None, list[str]]:
    if None in raw:
        return None, ["the row has more cells than the header"]
    if too_big := oversized(raw):
        return None, too_big
    fields = {key: (value or "").strip() for key, value in raw.items() if key}
    problems: list[str] = []
    kind = _kind(fields.get("kind", ""))
    if kind is None:
        problems.append(
            f"unknown kind {fields.get('kind', '')!r} (use one of: {', '.join(k.value for k in FeedbackKind)})"
        )
    dates: dict[str, date | None] = {}
    for column in ("received_on", "responded_on"):
        value = fields.get(column, "")
        if not value:
            dates[column] = None
            if column == "received_on":
                problems.append("received_on is empty")
            continue
        try:
            reading = read_date(value, today)
        except ValueError as error:
            problems.append(f"{column}: {error}")
            dates[column] = None
        else:
            report.ambiguous_dates += reading.ambiguous
            dates[column] = reading.day
    received_on, responded_on = dates["received_on"], dates["responded_on"]
    if received_on and responded_on and responded_on < received_on:
        problems.append("responded_on is before received_on")
    team_id = None
    if label := fields.get("team", ""):
        result = router.route(label)
        if result.decision != "auto" or result.team is None:
            choices = ", ".join(f"{c.name} ({c.score:.0f})" for c in result.candidates) or "no team looks close"
            problems.append(f"team {label!r} cannot be matched confidently; closest: {choices}")
        else:
            team_id = team_ids.get(result.team)
    if len(fields.get("summary", "")) > MAX_SUMMARY:
        problems.append(f"summary is longer than {MAX_SUMMARY} characters")
    if problems:
        return None, problems
    assert kind is not None and received_on is not None
    return Feedback(
        kind=kind,
        received_on=received_on,
        team_id=team_id,
        responded_on=responded_on,
        summary=fields.get("summary", ""),
    ), []
