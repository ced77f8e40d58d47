"""Another council's records for the questions bench and tests: Bradford 2022/23 (demo/councils/bradford-2022-23),
loaded the way a council loads its own (the team directory, the complaints import, the feedback import)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session

import migrations
from casework.demo import DEMO_DIR
from casework.directory import import_directory, parse_directory
from casework.feedback import import_feedback
from casework.importer import import_complaints
from models.db import get_engine, session_scope
from reminders.calendar import WorkingCalendar

BRADFORD = DEMO_DIR / "councils" / "bradford-2022-23"
BRADFORD_TODAY = date(2023, 3, 31)  # the year's end, as the council wrote its report


def load_council(session: Session, directory: Path = BRADFORD, today: date = BRADFORD_TODAY) -> None:
    """The council's teams, complaints and feedback, into an empty database."""
    import_directory(session, parse_directory((directory / "teams.csv").read_text(encoding="utf-8")))
    session.flush()
    import_complaints(
        session,
        (directory / "complaints.csv").read_text(encoding="utf-8-sig"),
        calendar=WorkingCalendar(()),
        zone=ZoneInfo("Europe/London"),
        today=today,
    )
    feedback = directory / "feedback.csv"
    if feedback.exists():
        import_feedback(session, feedback.read_text(encoding="utf-8-sig"), today=today)


def council_session(folder: Path, directory: Path = BRADFORD) -> Session:
    """A throwaway SQLite database in `folder` holding the council's records."""
    url = f"sqlite:///{folder / (directory.name + '.sqlite3')}"
    migrations.upgrade(url)
    with session_scope(get_engine(url)) as session:
        load_council(session, directory)
    return Session(get_engine(url))
