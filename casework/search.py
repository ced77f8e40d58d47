"""Finding complaints: by reference, the council's own id, the complainant's name, email or phone, and the words of
what was written (models/search_index.py says what is indexed), with filters; and the list of closed complaints.

The words are matched by the database's own full-text search (PostgreSQL `websearch_to_tsquery` over a GIN-indexed
tsvector; SQLite FTS5), so both accept what people type into a search box: several words (all must be there),
"a quoted phrase", `or` between alternatives, and -word to leave one out. Role scope holds: a manager finds only
their team's complaints, an admin none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import column, exists, table, text
from sqlalchemy.orm import load_only
from sqlmodel import Session, col, func, select

from casework.roles import scope_to_user
from models.base import require_id
from models.complaints import Complaint, ComplaintStatus, Stage, StageRecord
from models.search_index import SEARCH_TABLE, looks_like_phone, phone_digits
from models.staff import StaffUser
from models.teams import Team

PAGE_SIZE = 50
COUNT_LIMIT = 1000  # matches counted exactly; beyond, "more than 1,000" (20 pages: narrow the search instead)
MAX_QUERY = 200  # characters of the search box read
OPEN_STATUSES = (ComplaintStatus.OPEN.value, ComplaintStatus.AWAITING_TRIAGE.value)
CLOSED_STATUSES = (ComplaintStatus.CLOSED.value, ComplaintStatus.WITHDRAWN.value)
STATUS_FILTERS = {"open": OPEN_STATUSES, "closed": CLOSED_STATUSES}
EARLIEST = date(1990, 1, 1)
_REFERENCE = re.compile(r"^CS-?([A-Z0-9]{4})-?([A-Z0-9]{4})$")


@dataclass(frozen=True)
class SearchCriteria:
    """What to look for. Dates are London days; `status` is "", "open" or "closed"."""

    query: str = ""
    team: str = ""  # team slug
    stage: int | None = None  # the stage the complaint is at, or ended at
    status: str = ""
    received_from: date | None = None
    received_to: date | None = None

    @property
    def has_filters(self) -> bool:
        return bool(self.team or self.stage or self.status or self.received_from or self.received_to)

    @property
    def is_empty(self) -> bool:
        return not self.query.strip() and not self.has_filters

    def for_audit(self) -> dict[str, object]:
        """The filters, never the words searched for: those may be a name, and the trail outlives the purge."""
        return {
            "team": self.team or None,
            "stage": self.stage,
            "status": self.status or None,
            "received_from": self.received_from,
            "received_to": self.received_to,
            "words": bool(self.query.strip()),
        }


@dataclass(frozen=True)
class SearchRow:
    reference: str
    name: str  # "" when not given or removed by the purge
    purged: bool
    team_name: str
    stage: int | None
    status: str
    received_on: date
    closed_on: date | None

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label if self.stage else "No stage yet"

    @property
    def status_label(self) -> str:
        return ComplaintStatus(self.status).label


@dataclass(frozen=True)
class SearchPage:
    rows: list[SearchRow]
    total: int
    page: int
    pages: int
    references: list[str] = field(default_factory=list)
    more: bool = False  # more than COUNT_LIMIT match: `total` is COUNT_LIMIT


def fts_query(words: str) -> str:
    """A search box's words as an FTS5 query, with the meaning PostgreSQL's websearch_to_tsquery gives them.

    Every term becomes a quoted phrase of its letters and digits (so nothing typed is read as FTS5 syntax);
    terms are all needed, `or` offers alternatives, and a leading minus leaves a term out. "" when nothing is left.
    """
    groups: list[list[str]] = [[]]
    excluded: list[str] = []
    for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', words):
        minus, quoted, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            groups.append([])
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            minus, bare = "-", bare[1:]
        tokens = re.findall(r"[^\W_]+", quoted if quoted is not None else bare)
        if not tokens:
            continue
        phrase = '"' + " ".join(tokens) + '"'
        (excluded if minus else groups[-1]).append(phrase)
    alternatives = [" AND ".join(group) for group in groups if group]
    if not alternatives:
        return ""
    expression = " OR ".join(f"({alternative})" for alternative in alternatives)
    if excluded:
        expression = f"({expression}) NOT ({' OR '.join(excluded)})"
    return expression


def _words_for_index(query: str) -> str:
    """A phone number is matched in one form (digits only, as the index also holds it)."""
    return phone_digits(query) if looks_like_phone(query) else query


def _reference(query: str) -> str | None:
    """The reference a query names, however it was typed ("cs 7kq3 mx9p", "CS7KQ3MX9P")."""
    squeezed = re.sub(r"[\s-]", "", query.upper())
    match = _REFERENCE.match(squeezed[:2] + "-" + squeezed[2:6] + "-" + squeezed[6:]) if len(squeezed) == 10 else None
    return f"CS-{match.group(1)}-{match.group(2)}" if match else None


def _words_match(session: Session, query: str):
    """(the index's table, the condition its rows must meet, its complaint id column) for these words; None when
    the words leave nothing to look for."""
    words = _words_for_index(query)
    if session.get_bind().dialect.name == "postgresql":
        if not re.search(r"[^\W_]", words):
            return None
        index = table(SEARCH_TABLE, column("complaint_id"))
        # Both readings: as written (names, ids) and stemmed English (what happened); models/search_index.py.
        condition = text(
            "complaint_search.document @@ "
            "(websearch_to_tsquery('simple', :words) || websearch_to_tsquery('english', :words))"
        ).bindparams(words=words)
        return index, condition, index.c.complaint_id
    expression = fts_query(words)
    if not expression:
        return None
    index = table(SEARCH_TABLE, column("rowid"))
    return index, text(f"{SEARCH_TABLE} MATCH :expression").bindparams(expression=expression), index.c.rowid


def _london_midnight(day: date, zone) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone)


# What a results row reads of a complaint (not its story: long, and not shown).
SHOWN = ("reference", "complainant_name", "purged_at", "status", "received_at", "closed_at")


def _columns():
    return select(Complaint, Team.name).options(
        load_only(*(getattr(Complaint, name) for name in SHOWN), raiseload=True)
    )


def _statement(session: Session, user: StaffUser, criteria: SearchCriteria, zone):
    """(the matching complaints with their teams' names, unordered; the order to walk them in), or None when
    nothing can match. Words are matched in the index, joined to the complaint; a reference is looked up exactly."""
    statement = _columns().outerjoin(Team, col(Team.id) == Complaint.team_id)
    query = criteria.query.strip()
    walk: tuple = ()
    reference = _reference(query) if query else None
    if reference:
        statement = statement.where(Complaint.reference == reference)
    elif query:
        match = _words_match(session, query)
        if match is None:
            return None
        index, condition, key = match
        statement = statement.join(index, key == Complaint.id).where(condition)
        walk = (key.desc(),)  # the index's own key: the database walks it backwards and stops at a page
    statement = scope_to_user(statement, user)
    if criteria.team:
        statement = statement.where(Team.slug == criteria.team)
    if criteria.status:
        statement = statement.where(col(Complaint.status).in_(STATUS_FILTERS[criteria.status]))
    if criteria.stage:
        at_stage = select(StageRecord.id).where(StageRecord.complaint_id == Complaint.id)
        statement = statement.where(
            exists(at_stage.where(StageRecord.stage == criteria.stage)),
            ~exists(at_stage.where(StageRecord.stage > criteria.stage)),
        )
    if criteria.received_from:
        statement = statement.where(Complaint.received_at >= _london_midnight(criteria.received_from, zone))
    if criteria.received_to:
        statement = statement.where(
            Complaint.received_at < _london_midnight(criteria.received_to + timedelta(days=1), zone)
        )
    return statement, walk


def _latest_stages(session: Session, complaint_ids: list[int]) -> dict[int, int]:
    """The stage each complaint is at (or ended at), for one page of results."""
    if not complaint_ids:
        return {}
    statement = (
        select(StageRecord.complaint_id, func.max(StageRecord.stage))
        .where(col(StageRecord.complaint_id).in_(complaint_ids))
        .group_by(col(StageRecord.complaint_id))
    )
    return dict(session.exec(statement).all())


def search(
    session: Session, user: StaffUser, criteria: SearchCriteria, zone, *, page: int = 1, closed_first: bool = False
) -> SearchPage:
    """A page of the complaints `user` may see that match: with words, the most recently logged first; without,
    the newest received first (`closed_first`: the most recently closed first, for the closed list). Counted up to
    COUNT_LIMIT (`SearchPage.more`: there are more). Nothing when there is nothing to look for.

    Two steps, so neither a rare nor a common word costs a scan of every complaint: first the ids of up to
    COUNT_LIMIT + 1 matches in any order (a rare word: a few index entries); when that is all of them, the page is
    those ids sorted. When there are more (a common word), the page is read walking the complaints in order and
    stopping after one page, which is quick exactly because matches are everywhere.
    """
    built = None if criteria.is_empty else _statement(session, user, criteria, zone)
    if built is None:
        return SearchPage([], 0, 1, 1)
    statement, walk = built
    first = statement.with_only_columns(col(Complaint.id)).limit(COUNT_LIMIT + 1)
    ids = [row[0] for row in session.exec(first).all()]
    more = len(ids) > COUNT_LIMIT
    total = min(len(ids), COUNT_LIMIT)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    if criteria.query.strip():
        order: tuple = (col(Complaint.id).desc(),)
    elif closed_first and (criteria.received_from or criteria.received_to):
        # Walking the closing dates back from the latest would pass every complaint closed since the days asked
        # about (the two dates go together); as an expression no index offers, the database sorts that range.
        order = (func.coalesce(Complaint.closed_at, Complaint.closed_at).desc(), col(Complaint.id).desc())
    elif closed_first:
        order = (col(Complaint.closed_at).desc(), col(Complaint.id).desc())
    else:
        order = (col(Complaint.received_at).desc(), col(Complaint.id).desc())
    if more:
        ordered = statement.order_by(*(walk or order))
    else:
        ordered = (
            _columns()
            .outerjoin(Team, col(Team.id) == Complaint.team_id)
            .where(col(Complaint.id).in_(ids))
            .order_by(*order)
        )
    found = session.exec(ordered.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    stages = _latest_stages(session, [require_id(complaint) for complaint, _team in found])
    rows = [
        SearchRow(
            reference=complaint.reference,
            name=complaint.complainant_name,
            purged=complaint.purged_at is not None,
            team_name=team_name or "Not assigned (triage)",
            stage=stages.get(require_id(complaint)),
            status=complaint.status,
            received_on=complaint.received_at.astimezone(zone).date(),
            closed_on=complaint.closed_at.astimezone(zone).date() if complaint.closed_at else None,
        )
        for complaint, team_name in found
    ]
    return SearchPage(rows, total, page, pages, [row.reference for row in rows], more)
