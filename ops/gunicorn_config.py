"""Gunicorn's settings for production: `gunicorn -c python:ops.gunicorn_config 'wsgi:create_app()'`.

- Refuses to start in production when `flask check-config` would (ops/config_check.py).
- Request metrics from every worker: prometheus-client's multiprocess mode keeps each worker's counters in files
  in PROMETHEUS_MULTIPROC_DIR and /metrics adds them up. The variable must be set before prometheus-client is
  first imported (it picks its storage then), so it is set here, in the master, before any worker exists; a
  fresh directory is made unless one is given, and a given one is emptied, so a restart does not count twice.
- A JSON access log is not needed: with LOG_FORMAT=json the app logs one line per request itself.
Everything else (bind address, workers) stays on the command line or in GUNICORN_CMD_ARGS.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="complaints-metrics-")
METRICS_DIR = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])

from prometheus_client import multiprocess  # noqa: E402  (after the variable, on purpose: see above)

from ops.config_check import problems  # noqa: E402
from settings import Settings  # noqa: E402

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))


def on_starting(_server) -> None:
    settings = Settings.from_env()
    if settings.is_production:
        found = problems(settings, settings.trusted_hosts)
        if found:
            lines = "\n".join(f"- {p.what} Fix: {p.fix}" for p in found)
            raise SystemExit(f"Refusing to start production; run `flask check-config` for details:\n{lines}")
    METRICS_DIR.mkdir(parents=True, exist_ok=True)
    for stale in METRICS_DIR.glob("*.db"):
        stale.unlink()


def child_exit(_server, worker) -> None:
    # A worker that exits (restarted, or killed) leaves its files; its live gauges must stop counting.
    multiprocess.mark_process_dead(worker.pid)
