"""Real processes for the operations tests: gunicorn with the production config, and the scheduler."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from settings import BASE_DIR

BIN = Path(sys.executable).parent


def service_env(database_url: str, instance: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(BASE_DIR),
        "APP_ENV": "test",
        "SECRET_KEY": "two-hosts-share-this-secret-key-0123456789",
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(instance),
    }
    env.update(extra)
    return env


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@contextmanager
def gunicorn(env: dict[str, str], port: int, log: Path, workers: int = 2) -> Iterator[str]:
    """gunicorn -c python:ops.gunicorn_config on 127.0.0.1:PORT; yields its base URL once /healthz answers."""
    command = [
        str(BIN / "gunicorn"),
        "-c",
        "python:ops.gunicorn_config",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "wsgi:create_app()",
    ]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                if get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


@contextmanager
def scheduler(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "scheduler"],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
