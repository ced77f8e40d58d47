"""The demo data: the team directory, the 2015-2018 history behind the 2017/18 report, and live complaints.

Everything goes through the same loaders a council would use, so the report's variant team labels are
canonicalised by the real router. Live complaints are written relative to the day they are loaded.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from casework.directory import import_directory, parse_directory
from casework.importer import IMPORT_COLUMNS, ImportReport, import_complaints
from models.complaints import LearningCategory
from reminders.calendar import WorkingCalendar
from settings import BASE_DIR, Settings

DEMO_DIR = BASE_DIR / "demo"
LEARNING_CATEGORIES = (
    ("poor-communication", "Poor communication - lack of response to emails or requests for information"),
    ("delays", "Delays completing claims, assessments or referrals"),
    ("failure-to-act", "Failure or delay completing agreed actions"),
)


@dataclass
class SeedReport:
    teams: dict[str, int]
    learning_created: int
    history: ImportReport
    live: ImportReport


def ensure_learning_categories(session: Session) -> int:
    existing = set(session.exec(select(LearningCategory.slug)).all())
    missing = [LearningCategory(slug=slug, label=label) for slug, label in LEARNING_CATEGORIES if slug not in existing]
    session.add_all(missing)
    session.flush()
    return len(missing)


def live_rows_as_import(text: str, calendar: WorkingCalendar, today: date) -> str:
    """Turn live.csv's "N working days ago" into the importer's dates, as of `today`."""
    base = today if calendar.is_working_day(today) else calendar.subtract_working_days(today, 1)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=IMPORT_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for raw in csv.DictReader(io.StringIO(text)):
        row = dict(raw)
        received = calendar.subtract_working_days(base, int(raw["received_working_days_ago"]))
        row["received_on"] = received.isoformat()
        if raw.get("responded_working_days_ago"):
            row["responded_on"] = calendar.subtract_working_days(
                base, int(raw["responded_working_days_ago"])
            ).isoformat()
        if raw.get("extended_to_working_days"):
            row["extended_to"] = calendar.add_working_days(received, int(raw["extended_to_working_days"])).isoformat()
        writer.writerow(row)
    return out.getvalue()


def seed_demo(session: Session, settings: Settings, today: date, demo_dir: Path = DEMO_DIR) -> SeedReport:
    calendar = WorkingCalendar(settings.closure_days)
    teams = import_directory(session, parse_directory((demo_dir / "teams.csv").read_text(encoding="utf-8")))
    learning_created = ensure_learning_categories(session)
    history = import_complaints(
        session,
        (demo_dir / "complaints.csv").read_text(encoding="utf-8"),
        calendar=calendar,
        zone=settings.timezone,
        today=today,
    )
    live = import_complaints(
        session,
        live_rows_as_import((demo_dir / "live.csv").read_text(encoding="utf-8"), calendar, today),
        calendar=calendar,
        zone=settings.timezone,
        allow_triage=True,
        today=today,
    )
    return SeedReport(teams, learning_created, history, live)
