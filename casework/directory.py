"""The team directory as a CSV a council can keep in a spreadsheet: one row a team, lists separated by ";".

Importing is an upsert by slug: a team's aliases and workers are replaced by what the file says.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, delete, select

from casework.csv_rows import UnreadableCsv, numbered_rows, oversized
from content.spreadsheet import from_spreadsheet_cell, spreadsheet_cell
from models.base import max_length, require_id, table_of
from models.teams import AliasKind, Team, TeamAlias, Worker

COLUMNS = (
    "slug",
    "name",
    "public_name",
    "is_lac",
    "active",
    "manager_name",
    "manager_email",
    "former_names",
    "variant_labels",
    "abbreviations",
    "keywords",
    "workers",
)
LIST_COLUMNS = {
    "former_names": AliasKind.FORMER,
    "variant_labels": AliasKind.VARIANT,
    "abbreviations": AliasKind.ABBREVIATION,
    "keywords": AliasKind.KEYWORD,
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WORKER = re.compile(r"^(?P<name>[^()]+?)\s*(\((?P<title>[^()]*)\))?$")


class DirectoryError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class TeamRow:
    slug: str
    name: str
    is_lac: bool
    active: bool
    manager_name: str
    manager_email: str
    aliases: tuple[tuple[str, str], ...]  # (kind, text)
    workers: tuple[tuple[str, str], ...]  # (name, job title)
    public_name: str = ""  # the team as a child or care leaver is told it; optional column


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _yes(value: str | None, line: int, column: str, problems: list[str]) -> bool:
    lowered = (value or "").strip().lower()
    if lowered in ("yes", "y", "true", "1"):
        return True
    if lowered in ("no", "n", "false", "0", ""):
        return False
    problems.append(f"line {line}: {column} must be yes or no, not {value!r}")
    return False


def too_long(row: TeamRow) -> list[str]:
    """Values longer than their database column (PostgreSQL refuses them mid-import; SQLite keeps them)."""
    team, alias, worker = table_of(Team), table_of(TeamAlias), table_of(Worker)
    checks = [
        ("slug", row.slug, max_length(team, "slug")),
        ("name", row.name, max_length(team, "name")),
        ("public_name", row.public_name, max_length(team, "public_name")),
        ("manager_name", row.manager_name, max_length(team, "manager_name")),
        ("manager_email", row.manager_email, max_length(team, "manager_email")),
        *((kind, text, max_length(alias, "text")) for kind, text in row.aliases),
        *(("worker", name, max_length(worker, "name")) for name, _title in row.workers),
        *(("job title", title, max_length(worker, "job_title")) for _name, title in row.workers),
    ]
    return [
        f"{what} {value[:30]!r}... is longer than {limit} characters"
        for what, value, limit in checks
        if limit is not None and len(value) > limit
    ]


def parse_directory(text: str) -> list[TeamRow]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in ("slug", "name") if column not in (reader.fieldnames or [])]
    if missing:
        raise DirectoryError([f"the file has no {', '.join(missing)} column"])
    rows: list[TeamRow] = []
    problems: list[str] = []
    seen: set[str] = set()
    try:
        numbered = list(numbered_rows(reader))
    except UnreadableCsv as error:
        raise DirectoryError([str(error)]) from None
    for line, cells in numbered:
        if too_big := oversized(cells):
            problems.extend(f"line {line}: {problem}" for problem in too_big)
            continue
        raw = {key: from_spreadsheet_cell(value) if isinstance(value, str) else value for key, value in cells.items()}
        slug = (raw.get("slug") or "").strip()
        name = (raw.get("name") or "").strip()
        if not SLUG.match(slug):
            problems.append(f"line {line}: slug {slug!r} must be lower-case words joined by hyphens")
            continue
        if slug in seen:
            problems.append(f"line {line}: team {slug} appears twice")
            continue
        seen.add(slug)
        if not name:
            problems.append(f"line {line}: team {slug} has no name")
        aliases = tuple((kind.value, text) for column, kind in LIST_COLUMNS.items() for text in _split(raw.get(column)))
        workers = []
        for entry in _split(raw.get("workers")):
            match = WORKER.match(entry)
            workers.append((match["name"].strip(), (match["title"] or "").strip()) if match else (entry, ""))
        rows.append(
            TeamRow(
                slug=slug,
                name=name,
                is_lac=_yes(raw.get("is_lac"), line, "is_lac", problems),
                active=_yes(raw.get("active") or "yes", line, "active", problems),
                manager_name=(raw.get("manager_name") or "").strip(),
                manager_email=(raw.get("manager_email") or "").strip(),
                aliases=tuple(dict.fromkeys(aliases)),
                workers=tuple(dict.fromkeys(workers)),
                public_name=(raw.get("public_name") or "").strip(),
            )
        )
        problems.extend(f"line {line}: {reason}" for reason in too_long(rows[-1]))
    if problems:
        raise DirectoryError(problems)
    return rows


def import_directory(session: Session, rows: Iterable[TeamRow]) -> dict[str, int]:
    """Create or update each team; returns counts of teams created and updated."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in rows:
        team = session.exec(select(Team).where(Team.slug == row.slug)).first()
        if team is not None and snapshot(session, team) == row:
            counts["unchanged"] += 1
            continue
        if team is None:
            team = Team(slug=row.slug, name=row.name)
            counts["created"] += 1
        else:
            counts["updated"] += 1
        team.name, team.is_lac, team.active = row.name, row.is_lac, row.active
        team.public_name = row.public_name
        team.manager_name, team.manager_email = row.manager_name, row.manager_email
        session.add(team)
        session.flush()
        team_id = require_id(team)
        session.exec(delete(TeamAlias).where(col(TeamAlias.team_id) == team_id))
        session.exec(delete(Worker).where(col(Worker.team_id) == team_id))
        session.add_all(TeamAlias(team_id=team_id, kind=kind, text=text) for kind, text in row.aliases)
        session.add_all(Worker(team_id=team_id, name=name, job_title=title) for name, title in row.workers)
        session.flush()
    return counts


def snapshot(session: Session, team: Team) -> TeamRow:
    aliases = session.exec(select(TeamAlias).where(TeamAlias.team_id == team.id).order_by(col(TeamAlias.id))).all()
    workers = session.exec(select(Worker).where(Worker.team_id == team.id).order_by(col(Worker.id))).all()
    order = {kind.value: index for index, kind in enumerate(LIST_COLUMNS.values())}
    return TeamRow(
        slug=team.slug,
        name=team.name,
        is_lac=team.is_lac,
        active=team.active,
        manager_name=team.manager_name,
        manager_email=team.manager_email,
        aliases=tuple(sorted(((a.kind, a.text) for a in aliases), key=lambda pair: order.get(pair[0], 99))),
        workers=tuple((w.name, w.job_title) for w in workers),
        public_name=team.public_name,
    )


def export_directory(session: Session) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for team in session.exec(select(Team).order_by(col(Team.id))):
        row = snapshot(session, team)
        record = {
            "slug": row.slug,
            "name": row.name,
            "public_name": row.public_name,
            "is_lac": "yes" if row.is_lac else "no",
            "active": "yes" if row.active else "no",
            "manager_name": row.manager_name,
            "manager_email": row.manager_email,
            "workers": ";".join(f"{name} ({title})" if title else name for name, title in row.workers),
        }
        for column, kind in LIST_COLUMNS.items():
            record[column] = ";".join(text for alias_kind, text in row.aliases if alias_kind == kind.value)
        writer.writerow({column: spreadsheet_cell(value) for column, value in record.items()})
    return out.getvalue()
