"""Benchmarks that print figures (never assert timings). Run as `python -m bench.NAME`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import migrations
from casework.directory import import_directory, parse_directory
from intake.routing import Router
from models.db import get_engine, session_scope
from settings import BASE_DIR

DEMO_TEAMS = BASE_DIR / "demo" / "teams.csv"


def machine_load() -> str:
    """The load average beside the core count, printed with every figure: a busy machine's figure is not a result."""
    one, five, fifteen = os.getloadavg()
    return f"machine load (1, 5, 15 min): {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def demo_router(teams_csv: Path = DEMO_TEAMS) -> Router:
    """A router built the way the service builds it: the demo directory imported into a throwaway database."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        migrations.upgrade(url)
        engine = get_engine(url)
        with session_scope(engine) as session:
            import_directory(session, parse_directory(teams_csv.read_text(encoding="utf-8")))
        with session_scope(engine) as session:
            router = Router.from_session(session)
        engine.dispose()
    return router
