"""/metrics: request counts by route template, and the database's figures read when scraped."""

from __future__ import annotations

from datetime import date, timedelta

from prometheus_client.parser import text_string_to_metric_families

from models.types import utcnow
from reminders.heartbeat import record_sweep
from tests.conftest import make_settings
from tests.factories import add_complaint
from tests.ops.outbox_rows import outbox_row
from wsgi import create_app


def samples(client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    found = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_requests_are_counted_by_route_template_never_by_url(client):
    token = "private-status-token-abcdef123456"
    before = samples(client).get(
        ("http_requests_total", (("method", "GET"), ("route", "/status/<token>"), ("status", "404"))), 0
    )
    assert client.get(f"/status/{token}").status_code == 404
    client.get("/no-such-page-with-a-name-in-it")
    text = client.get("/metrics").get_data(as_text=True)
    after = samples(client)
    assert after[("http_requests_total", (("method", "GET"), ("route", "/status/<token>"), ("status", "404")))] == (
        before + 1
    )
    assert after[("http_request_duration_seconds_count", (("route", "/status/<token>"),))] >= 1
    assert ("http_requests_total", (("method", "GET"), ("route", "<unmatched>"), ("status", "404"))) in after
    assert token not in text and "no-such-page" not in text


def test_the_outbox_complaints_and_safeguarding_figures_come_from_the_database(client, write, engine):
    now = utcnow()

    def rows(session):
        session.add(outbox_row("a", "safeguarding-alert", "failed", now))
        session.add(outbox_row("b", "due-soon", "pending", now))
        session.add(outbox_row("c", "due-soon", "pending", now))
        session.add(outbox_row("d", "acknowledgement", "sent", now))
        add_complaint(session, team=None, received=date(2026, 11, 30), safeguarding=True)
        add_complaint(session, team=None, received=date(2026, 11, 30))

    write(rows)
    found = samples(client)
    assert found[("outbox_emails", (("kind", "safeguarding-alert"), ("status", "failed")))] == 1
    assert found[("outbox_emails", (("kind", "due-soon"), ("status", "pending")))] == 2
    assert found[("outbox_emails", (("kind", "acknowledgement"), ("status", "sent")))] == 1
    assert found[("complaints_received_total", (("channel", "online"),))] == 2
    assert found[("safeguarding_flags_awaiting_review", (("subject", "complaint"),))] == 1
    assert found[("safeguarding_flags_awaiting_review", (("subject", "draft"),))] == 0
    assert found[("scheduler_stale", ())] == 1
    assert ("scheduler_last_sweep_timestamp_seconds", ()) not in found  # no sweep yet: no made-up time


def test_the_scheduler_figures_are_its_last_sweep(client, engine):
    swept = utcnow() - timedelta(seconds=30)
    record_sweep(engine, "host-a:1:x", swept, 1.25)
    found = samples(client)
    assert found[("scheduler_last_sweep_timestamp_seconds", ())] == swept.timestamp()
    assert found[("scheduler_sweep_duration_seconds", ())] == 1.25
    assert found[("scheduler_stale", ())] == 0


def test_no_database_still_gives_the_request_metrics_and_says_so(tmp_path):
    settings = make_settings(f"sqlite:///{tmp_path}/missing-folder/complaints.sqlite3", tmp_path)
    found = samples(create_app(settings).test_client())
    assert found[("database_up", ())] == 0
    assert not [name for name, _labels in found if name.startswith(("outbox_", "complaints_", "scheduler_"))]


def test_with_a_database_it_says_it_is_up(client):
    assert samples(client)[("database_up", ())] == 1
