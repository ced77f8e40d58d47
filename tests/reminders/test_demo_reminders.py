"""The demo's live complaints give the reminders a team would expect on the day the demo is loaded."""

from __future__ import annotations

from sqlmodel import select

from models.complaints import Complaint
from models.outbox import OutboxMessage
from reminders.planner import plan_reminders
from tests.conftest import DEMO_TODAY
from tests.factories import london


def test_live_demo_complaints_plan_the_expected_reminders(demo_session, settings):
    now = london(DEMO_TODAY, 10)  # Thursday 26 November 2026, office hours
    plan_reminders(demo_session, settings, now)
    planned = demo_session.exec(
        select(Complaint.external_id, OutboxMessage.template, OutboxMessage.context).join(
            Complaint, Complaint.id == OutboxMessage.complaint_id
        )
    ).all()
    by_complaint = sorted((external_id, template) for external_id, template, _ in planned)
    assert by_complaint == [
        ("LIVE-01", "stage-arrived"),  # received yesterday
        ("LIVE-03", "due-soon"),  # due Tuesday 1 December
        ("LIVE-04", "due-soon"),  # due Monday 30 November
        ("LIVE-05", "due-today"),
        ("LIVE-06", "overdue"),  # missed 3 working days ago: the head of service is told
        ("LIVE-08", "acknowledgement"),  # in triage, but the parent gave an email address
        ("LIVE-09", "safeguarding-alert"),  # today, and the child may be at risk
        ("LIVE-09", "stage-arrived"),
    ], by_complaint
    # Reminders about extended, stage 2 and stage 3 complaints come later; nothing carries the story.
    for _, _, context in planned:
        assert set(context) <= {
            "reference",
            "stage",
            "team",
            "deadline",
            "received",
            "received_at",
            "acknowledge_by",
            "name",
            "advocate_words",
            "team_words",  # the team in the complainant's words (a child's own for a child)
            "young",  # which help lines the acknowledgement gives (a young person's or a grown-up's)
            "help_lines",  # helplines and the council's numbers, the same for everyone of that audience
            "categories",  # the duty manager's alert: the kinds of danger as staff name them, never the words
            "language",  # the complainant's emails speak the language they complained in (content/i18n.py)
        }
