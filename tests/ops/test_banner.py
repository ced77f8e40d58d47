"""Staff are told on every staff page when emails have stopped or failed, most strongly for safeguarding alerts."""

from __future__ import annotations

from datetime import timedelta

from models.types import utcnow
from reminders.heartbeat import record_sweep
from tests.html import Page
from tests.ops.outbox_rows import outbox_row


def banners(client, path="/staff/queue") -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    return Page(response.get_data(as_text=True)).texts(".operations-warning")


def test_no_banner_while_the_scheduler_beats_and_nothing_failed(signed_in, engine):
    record_sweep(engine, "host-a:1:x", utcnow(), 0.1)
    assert banners(signed_in("officer")) == []


def test_a_stopped_scheduler_is_urgent_for_everyone_and_admins_are_told_what_to_do(signed_in, engine):
    record_sweep(engine, "host-a:1:x", utcnow() - timedelta(minutes=6), 0.1)
    [officer_banner] = banners(signed_in("officer"))
    assert "Emails have stopped" in officer_banner
    assert "safeguarding alerts are not going out" in officer_banner
    assert "flask scheduler" not in officer_banner
    [admin_banner] = banners(signed_in("admin"), "/staff/admin/accounts")
    assert "Start the scheduler again ('flask scheduler')" in admin_banner


def test_a_failed_safeguarding_alert_comes_first_and_names_the_duty_manager(signed_in, engine, write):
    record_sweep(engine, "host-a:1:x", utcnow(), 0.1)
    write(lambda session: session.add(outbox_row("x", "safeguarding-disclosure", "failed", utcnow())))
    write(lambda session: session.add(outbox_row("y", "due-soon", "failed", utcnow())))
    alert, reminder = banners(signed_in("manager"))
    assert "A safeguarding alert has not been sent" in alert
    assert "Phone the duty manager now" in alert
    assert "1 reminder email could not be sent" in reminder


def test_public_pages_and_the_sign_in_page_say_nothing(client, engine):
    record_sweep(engine, "host-a:1:x", utcnow() - timedelta(hours=1), 0.1)
    for path in ("/", "/staff/sign-in"):
        assert "Emails have stopped" not in client.get(path).get_data(as_text=True)
