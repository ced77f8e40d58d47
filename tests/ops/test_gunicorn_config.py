"""gunicorn with ops/gunicorn_config.py: request metrics added up over its workers; production refused when the
settings would lose emails."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor

from prometheus_client.parser import text_string_to_metric_families

from settings import BASE_DIR
from tests.ops.postgres_cluster import free_port
from tests.ops.servers import BIN, get, gunicorn, service_env


def requests_to_home(metrics_text: str) -> float:
    for family in text_string_to_metric_families(metrics_text):
        for sample in family.samples:
            if sample.name == "http_requests_total" and sample.labels == {
                "route": "/",
                "method": "GET",
                "status": "200",
            }:
                return sample.value
    return 0


def test_metrics_count_every_workers_requests(clean_db, tmp_path):
    metrics_dir = tmp_path / "metrics"
    env = service_env(clean_db, tmp_path / "instance", PROMETHEUS_MULTIPROC_DIR=str(metrics_dir))
    with gunicorn(env, free_port(), tmp_path / "gunicorn.log") as base:

        def workers_counted() -> int:  # each worker keeps its own counter file, named by its process id
            return len({path.stem.rsplit("_", 1)[1] for path in metrics_dir.glob("counter_*.db")})

        sent = 0
        # The kernel may hand a short burst to one worker on a busy machine: send until both have answered.
        while sent < 400 and (sent == 0 or workers_counted() < 2):
            with ThreadPoolExecutor(8) as pool:
                statuses = list(pool.map(lambda _: get(f"{base}/")[0], range(40)))
            assert statuses == [200] * 40
            sent += 40
        status, text = get(f"{base}/metrics")
        assert status == 200
        assert workers_counted() == 2
        assert requests_to_home(text) == sent  # /metrics adds up every worker's counts


def test_production_with_example_settings_does_not_start(tmp_path):
    env = service_env(
        f"sqlite:///{tmp_path}/c.sqlite3",
        tmp_path,
        APP_ENV="production",
        # What the settings themselves insist on, so that check-config is what refuses the example addresses.
        STAFF_EMAIL_DOMAINS="anytown.gov.uk",
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379",
    )
    result = subprocess.run(
        [str(BIN / "gunicorn"), "-c", "python:ops.gunicorn_config", "--bind", f"127.0.0.1:{free_port()}", "wsgi:app"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Refusing to start production" in result.stderr
    assert "DUTY_MANAGER_EMAIL is an example address" in result.stderr
