"""A throwaway PostgreSQL cluster started by a test (as scripts/with-postgres.sh starts the suite's)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BINS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
PGBIN = PG_BINS[-1] if PG_BINS else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    # initdb refuses to run as root: run the cluster as the postgres user when we are root.
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else command


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """Start a cluster on a free port; yields a superuser URL to its `postgres` database; always stops it."""
    assert PGBIN is not None, "PostgreSQL server binaries not found: sudo apt-get install -y postgresql"
    directory = Path(tempfile.mkdtemp(prefix="complaints-pg-test."))
    if os.getuid() == 0:
        shutil.chown(directory, "postgres")
    port = free_port()
    data = directory / "data"
    try:
        subprocess.run(
            _as_owner([str(PGBIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
            check=True,
            capture_output=True,
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c fsync=off -c synchronous_commit=off"
        subprocess.run(
            _as_owner(
                [str(PGBIN / "pg_ctl"), "-D", str(data), "-l", str(directory / "log"), "-w", "-o", options, "start"]
            ),
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_owner([str(PGBIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), capture_output=True
        )
        shutil.rmtree(directory, ignore_errors=True)


def libpq_url(url: str) -> str:
    """The URL as pg_dump and pg_restore take it (no SQLAlchemy driver name)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)
