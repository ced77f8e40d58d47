"""Small, deterministic builders for tests: the demo directory and learning categories."""

from __future__ import annotations

from sqlmodel import Session

from casework.demo import DEMO_DIR, ensure_learning_categories
from casework.directory import import_directory, parse_directory


def load_directory(session: Session) -> None:
    import_directory(session, parse_directory((DEMO_DIR / "teams.csv").read_text(encoding="utf-8")))
    ensure_learning_categories(session)
    session.flush()
