"""A simulated fortnight: `reminders send-due --now ...` every few hours, a real SMTP server listening.

Complaints arrive as the clock passes them; the test checks who got which email, when, and only once.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session

from models.db import get_engine
from reminders import replan
from reminders.calendar import WorkingCalendar
from reminders.office_hours import OfficeHours
from tests.conftest import make_settings
from tests.factories import LONDON, add_complaint, add_officer, add_team, london
from wsgi import create_app

START = date(2026, 11, 30)  # a Monday
HOURS = (0, 8, 10, 19)  # night, opening, mid-morning, evening


def ticks() -> list[datetime]:
    return [london(START + timedelta(days=d), h) for d in range(15) for h in HOURS] + [
        london(date(2026, 12, 5), 23, 40)
    ]


def test_a_fortnight_of_reminders_reaches_the_smtp_server_once_each(clean_db, smtp_server, tmp_path):
    smtp_server.start()
    settings = make_settings(clean_db, tmp_path, mail_backend="smtp", smtp_port=smtp_server.port)
    runner = create_app(settings).test_cli_runner()
    engine = get_engine(clean_db)
    with Session(engine, expire_on_commit=False) as session:
        team = add_team(session)
        officer = add_officer(session)
        # Already open when the fortnight starts: due Wednesday 2 December, nobody assigned.
        add_complaint(session, team=team, received=london(date(2026, 11, 18), 10), email="")
        session.commit()
    arrivals = [
        (
            london(START, 10),
            {"team": team, "email": "jo@example.test", "officer": officer},
        ),  # due Monday 14 December
        (
            london(date(2026, 12, 5), 23, 40),
            {"team": None, "safeguarding": True, "email": "kid@example.test"},
        ),
    ]
    received: list[tuple[datetime, str, str]] = []
    references = []
    for now in sorted(ticks()):
        for when, kwargs in [a for a in arrivals if a[0] == now]:
            with Session(engine, expire_on_commit=False) as session:
                complaint = add_complaint(session, received=when, **kwargs)
                replan.complaint_received(session, complaint, settings, when)
                session.commit()
                references.append(complaint.reference)
        before = len(smtp_server.inbox.messages)
        for _ in range(2 if now.hour in (8, 10) else 1):  # the same sweep twice when mail goes: no doubles
            result = runner.invoke(args=["reminders", "send-due", "--now", now.isoformat()])
            assert result.exit_code == 0, result.output
        received += [(now, m["To"], m["Subject"]) for m in smtp_server.inbox.messages[before:]]

    monday, saturday = references
    hours = OfficeHours(WorkingCalendar(), LONDON)
    sent = sorted(
        (when.astimezone(LONDON).strftime("%a %d %H:%M"), to, subject.split(":")[0]) for when, to, subject in received
    )
    assert sent == sorted(
        [
            # The stage already open: due soon (the first working moment of the fortnight), on the day, missed.
            ("Mon 30 08:00", "manager@example.test", "Reply due Wednesday 2 December 2026"),
            ("Wed 02 08:00", "manager@example.test", "Reply due today"),
            ("Thu 03 08:00", "head-of-service@example-council.gov.uk", "Missed deadline"),
            # The complaint of Monday 10:00: arrival to manager and officer, acknowledgement, then due soon.
            ("Mon 30 10:00", "manager@example.test", f"New stage 1 complaint {monday}"),
            ("Mon 30 10:00", "officer@example.test", f"New stage 1 complaint {monday}"),
            ("Mon 30 10:00", "jo@example.test", f"We've got your complaint - reference {monday}"),
            ("Wed 09 08:00", "manager@example.test", "Reply due Monday 14 December 2026"),
            ("Wed 09 08:00", "officer@example.test", "Reply due Monday 14 December 2026"),
            ("Mon 14 08:00", "manager@example.test", "Reply due today"),
            ("Mon 14 08:00", "officer@example.test", "Reply due today"),
            # Saturday night: the duty manager at once; the child's acknowledgement on Monday morning.
            ("Sat 05 23:40", "duty-manager@example-council.gov.uk", "URGENT safeguarding check"),
            ("Mon 07 08:00", "kid@example.test", f"We've got your complaint - reference {saturday}"),
        ]
    ), sent
    for when, _to, subject in received:
        assert subject.startswith("URGENT") or hours.is_open(when), (when, subject)
    for message in smtp_server.inbox.messages:
        assert "private story" not in message.as_string()
