"""Real servers for the security tests: a redis-server on a unix socket and gunicorn with several workers, each
started in a temporary folder and always stopped (as scripts/with-postgres.sh does for PostgreSQL)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from settings import BASE_DIR


def _wait_for(ready, what: str, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        if process.poll() is not None:
            raise AssertionError(f"{what} exited with {process.returncode}")
        time.sleep(0.05)
    raise AssertionError(f"{what} did not start within {seconds} seconds")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """A private redis-server listening only on a unix socket; yields its URI for RATELIMIT_STORAGE_URI."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: apt-get install -y redis-server (.ci/run does)")
    path = folder / "redis.sock"
    process = subprocess.Popen(
        [
            binary,
            "--port",
            "0",
            "--unixsocket",
            str(path),
            "--unixsocketperm",
            "700",
            "--save",
            "",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(path.exists, "redis-server", process)
        yield f"redis+unix://{path}"
    finally:
        _stop(process)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], workers: int, log: Path) -> Iterator[str]:
    """gunicorn serving the app with `workers` workers; yields its base URL. The access log names each worker."""
    port = free_port()
    command = [
        str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        str(log),
        "--access-logformat",
        "%(p)s %(s)s",  # the worker's process id and the status: enough to see who answered
        "wsgi:create_app()",
    ]
    errors = log.with_suffix(".errors")
    with errors.open("wb") as error_log:
        process = subprocess.Popen(command, cwd=BASE_DIR, env={**os.environ, **env}, stdout=error_log, stderr=error_log)

    def listening() -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    try:
        _wait_for(listening, "gunicorn", process)
        yield f"http://127.0.0.1:{port}"
    except AssertionError:
        raise AssertionError(errors.read_text()[-3000:]) from None
    finally:
        _stop(process)
