"""`flask backup FILE` for the embedded SQLite database: a consistent copy while the service runs.

SQLite's online backup API copies page by page under the database's own locks, so gunicorn and the scheduler
keep writing meanwhile and the copy is a database as it was at one moment (copying the file could catch a
half-written page, and misses what is still in the WAL). PostgreSQL is backed up with pg_dump
(docs/operations.md). Attachments, when the instance folder has them, go beside the copy as a tar.gz.
"""

from __future__ import annotations

import sqlite3
import tarfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

ATTACHMENTS_DIR = "files"  # casework/files.py keeps uploads here when no bucket is set


class BackupError(Exception):
    """Why there is no backup; the message says what to do instead."""


@dataclass(frozen=True)
class BackupResult:
    database: Path
    attachments: Path | None


def sqlite_path(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            "This database is PostgreSQL: back it up with pg_dump (docs/operations.md, 'Backups'), "
            'e.g. pg_dump --format=custom --file=complaints.dump "$DATABASE_URL".'
        )
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory database has nothing to back up.")
    return Path(url.database)


def backup_sqlite(database_url: str, target: Path, instance_dir: Path) -> BackupResult:
    source_path = sqlite_path(database_url)
    if not source_path.exists():
        raise BackupError(f"There is no database at {source_path} (DATABASE_URL).")
    if target.exists():
        raise BackupError(f"{target} exists already: give a new file name, so no backup is overwritten.")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
    finally:
        copy.close()
        source.close()
    attachments = instance_dir / ATTACHMENTS_DIR
    archive = None
    if attachments.is_dir():
        archive = target.with_name(target.name + ".attachments.tar.gz")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(attachments, arcname=ATTACHMENTS_DIR)
    return BackupResult(target, archive)
