"""The commands a new user types, run as real processes on an empty database of each kind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.databases import fresh_database

ROOT = Path(__file__).resolve().parent.parent
FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]


def flask(args: list[str], database_url: str, instance: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, DATABASE_URL=database_url, INSTANCE_PATH=str(instance), APP_ENV="development")
    return subprocess.run(FLASK + args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_upgrade_then_seed_demo_twice_on_an_empty_database(tmp_path):
    url = fresh_database("complaints_commands", tmp_path)
    upgraded = flask(["db", "upgrade"], url, tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    first = flask(["seed-demo"], url, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Teams: 9 created" in first.stdout
    second = flask(["seed-demo"], url, tmp_path)
    assert second.returncode == 0, second.stderr
    assert "Teams: 0 created, 0 updated, 9 unchanged." in second.stdout
    assert "Imported 0 new complaints and 0 new stages" in second.stdout
    skipped = flask(["seed-demo", "--if-empty"], url, tmp_path)
    assert "the demo was not loaded" in skipped.stdout


def test_seed_demo_refuses_in_production(tmp_path):
    env = dict(os.environ, APP_ENV="production", SECRET_KEY="x" * 40, INSTANCE_PATH=str(tmp_path))
    env["STAFF_EMAIL_DOMAINS"] = "example-council.gov.uk"
    env["RATELIMIT_STORAGE_URI"] = "redis://127.0.0.1:1"  # never reached: the command refuses first
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'prod.sqlite3'}"
    result = subprocess.run(FLASK + ["seed-demo"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "production" in result.stderr
