"""The Ombudsman record: reference, decision, remedy with its deadline and reminders, each change audited."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlmodel import col, select

from casework import actions
from casework.actions import ActionContext, ActionRefused
from casework.casefile import allowed_actions
from casework.stages import stages_of
from models.audit import AuditEvent
from models.complaints import Complaint, ReasonCategory
from models.outbox import OutboxMessage
from models.staff import StaffUser
from models.teams import Team
from reminders.planner import plan_reminders
from tests.factories import add_complaint, add_staff

NOW = datetime(2018, 1, 15, 10, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def ctx(db_session, settings):
    ids = add_staff(db_session, settings)
    return ActionContext(
        session=db_session, actor=db_session.get(StaffUser, ids["officer"]), settings=settings, now=NOW
    )


@pytest.fixture
def at_ombudsman(db_session, ctx) -> Complaint:
    officer = ctx.actor
    complaint = add_complaint(
        db_session,
        reference="CS-OMBD-0001",
        team="leaving-care",
        received=date(2017, 6, 1),
        stages=3,
        responded={1: date(2017, 6, 9), 2: date(2017, 8, 1), 3: date(2017, 10, 20)},
        officer=officer,
    )
    actions.record_ombudsman(ctx, complaint, received_on=date(2018, 1, 3), reference="17 012 345")
    return complaint


def ombudsman_stage(db_session, complaint):
    return next(record for record in stages_of(db_session, complaint.id) if record.stage == 4)


def audit_after(db_session, complaint, action):
    statement = select(AuditEvent).where(AuditEvent.complaint_id == complaint.id, AuditEvent.action == action)
    return db_session.exec(statement).one().after


def test_the_decision_with_a_remedy_its_amount_and_deadline(db_session, ctx, at_ombudsman):
    record = actions.record_ombudsman_decision(
        ctx,
        at_ombudsman,
        decided_on=date(2018, 1, 12),
        decision="partly-upheld",
        remedy="Apologise in writing and pay £250 for the time and trouble",
        remedy_amount="£250",
        remedy_due_on=date(2018, 2, 12),
    )
    assert (record.ombudsman_decision, record.outcome, record.responded_on) == (
        "partly-upheld",
        "partially-upheld",
        date(2018, 1, 12),
    )
    assert (record.ombudsman_reference, record.remedy_amount, record.remedy_due_on) == (
        "17 012 345",
        Decimal("250.00"),
        date(2018, 2, 12),
    )
    assert at_ombudsman.status == "closed"
    after = audit_after(db_session, at_ombudsman, "stage.ombudsman-decision-recorded")
    assert after["decision"] == "partly-upheld" and after["remedy_amount"] == "250.00"
    assert "Apologise" not in str(after)  # the remedy's words are counted, not copied
    assert {"ombudsman-remedy", "remedy-done"} <= allowed_actions(
        ctx, at_ombudsman, stages_of(db_session, at_ombudsman.id)
    )


def test_a_decision_without_a_finding_has_no_outcome(db_session, ctx, at_ombudsman):
    record = actions.record_ombudsman_decision(ctx, at_ombudsman, decided_on=date(2018, 1, 12), decision="premature")
    assert (record.ombudsman_decision, record.outcome) == ("premature", None)
    assert "remedy-done" not in allowed_actions(ctx, at_ombudsman, stages_of(db_session, at_ombudsman.id))


@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({"decision": ""}, "decision", "Choose the Ombudsman's decision"),
        ({"remedy": "Pay", "remedy_amount": "lots"}, "remedy_amount", "Enter the amount in pounds"),
        ({"remedy": "Apologise"}, "remedy_due_on", "Enter the date the Ombudsman asked"),
        ({"remedy_due_on": date(2018, 2, 1)}, "remedy", "Say what the Ombudsman asked us to do"),
        ({"remedy": "Apologise", "remedy_due_on": date(2018, 1, 1)}, "remedy_due_on", "on or after the decision"),
        ({"remedy_due_typed": True}, "remedy_due_on", "Enter a real date"),
        ({"reference": "x" * 51}, "reference", "50 characters"),
    ],
)
def test_a_bad_decision_is_refused_and_changes_nothing(db_session, ctx, at_ombudsman, options, field, message):
    values = {"decided_on": date(2018, 1, 12), "decision": "upheld"} | options
    with pytest.raises(ActionRefused, match=message) as refused:
        actions.record_ombudsman_decision(ctx, at_ombudsman, **values)
    assert refused.value.field == field
    assert ombudsman_stage(db_session, at_ombudsman).responded_on is None


def test_the_remedy_changed_later_then_carried_out(db_session, ctx, at_ombudsman):
    actions.record_ombudsman_decision(ctx, at_ombudsman, decided_on=date(2018, 1, 12), decision="upheld")
    actions.update_ombudsman_record(
        ctx,
        at_ombudsman,
        reference="17 012 345",
        remedy="Review the pathway plan",
        remedy_amount="",
        remedy_due_on=date(2018, 3, 1),
    )
    with pytest.raises(ActionRefused, match="Nothing was changed"):
        actions.update_ombudsman_record(
            ctx,
            at_ombudsman,
            reference="17 012 345",
            remedy="Review the pathway plan",
            remedy_amount="",
            remedy_due_on=date(2018, 3, 1),
        )
    with pytest.raises(ActionRefused) as refused:
        actions.record_remedy_done(ctx, at_ombudsman, done_on=date(2018, 1, 16))  # tomorrow
    assert refused.value.field == "done_on"
    record = actions.record_remedy_done(ctx, at_ombudsman, done_on=date(2018, 1, 15))
    assert record.remedy_done_on == date(2018, 1, 15)
    assert audit_after(db_session, at_ombudsman, "stage.remedy-carried-out")["late"] is False
    with pytest.raises(ActionRefused, match="no remedy waiting"):
        actions.record_remedy_done(ctx, at_ombudsman, done_on=date(2018, 1, 15))
    assert "ombudsman-remedy" not in allowed_actions(ctx, at_ombudsman, stages_of(db_session, at_ombudsman.id))


def remedy_emails(db_session) -> list[tuple[str, str, str]]:
    # Columns, not rows: planning updates the outbox in bulk, which loaded objects would not show.
    statement = (
        select(OutboxMessage.template, OutboxMessage.recipient, OutboxMessage.status)
        .where(col(OutboxMessage.template).like("remedy-%"))
        .order_by(col(OutboxMessage.id))
    )
    return [tuple(row) for row in db_session.exec(statement)]


def test_remedy_reminders_before_on_and_after_the_day_and_none_once_done(db_session, ctx, settings, at_ombudsman):
    actions.record_ombudsman_decision(
        ctx,
        at_ombudsman,
        decided_on=date(2018, 1, 12),
        decision="upheld",
        remedy="Apologise in writing",
        remedy_due_on=date(2018, 2, 12),  # a Monday
    )
    assert remedy_emails(db_session) == []  # nothing is due yet
    plan_reminders(db_session, settings, datetime(2018, 1, 29, 9, tzinfo=UTC))  # 10 working days before
    soon = remedy_emails(db_session)
    assert [(template, status) for template, _, status in soon] == [("remedy-due-soon", "pending")] * 2
    manager = db_session.exec(select(Team.manager_email).where(Team.slug == "leaving-care")).one()
    assert {recipient for _, recipient, _ in soon} == {manager, ctx.actor.email}
    plan_reminders(db_session, settings, datetime(2018, 2, 13, 9, tzinfo=UTC))  # the day after
    templates = [template for template, _, _ in remedy_emails(db_session)]
    assert templates.count("remedy-overdue") == 1 and "remedy-due-today" not in templates  # the day passed
    overdue = db_session.exec(select(OutboxMessage).where(OutboxMessage.template == "remedy-overdue")).one()
    assert overdue.recipient == settings.head_of_service_email
    assert overdue.context["deadline"] == "2018-02-12" and overdue.context["reference"] == "CS-OMBD-0001"
    # Done: whatever was still waiting is cancelled, and no more are planned.
    later = ActionContext(
        session=db_session, actor=ctx.actor, settings=settings, now=datetime(2018, 2, 13, 10, tzinfo=UTC)
    )
    actions.record_remedy_done(later, at_ombudsman, done_on=date(2018, 2, 13))
    assert {status for _, _, status in remedy_emails(db_session)} == {"cancelled"}
    plan_reminders(db_session, settings, datetime(2018, 2, 20, 9, tzinfo=UTC))
    assert {status for _, _, status in remedy_emails(db_session)} == {"cancelled"}


def test_the_case_page_shows_the_ombudsman_record(signed_in, write, staff_ids, today, calendar):
    def build(session):
        complaint = add_complaint(
            session,
            reference="CS-OMBD-0002",
            team="leaving-care",
            received=calendar.subtract_working_days(today, 90),
            stages=4,
            responded={n: calendar.subtract_working_days(today, 80 - 20 * n) for n in (1, 2, 3, 4)},
        )
        record = ombudsman_stage(session, complaint)
        record.ombudsman_reference, record.ombudsman_decision = "22 004 123", "upheld"
        record.remedy, record.remedy_amount, record.remedy_due_on = "Pay for lost support", Decimal(300), today
        session.add(record)

    write(build)
    officer = signed_in("officer")
    html = officer.get("/staff/complaints/CS-OMBD-0002").get_data(as_text=True)
    for words in ("22 004 123", "Upheld: fault and injustice", "Pay for lost support", "£300.00", "Remedy due today"):
        assert words in html
    exported = officer.get("/staff/complaints/CS-OMBD-0002/subject-access.json").get_json()["stages"][3]
    assert (exported["ombudsman_reference"], exported["remedy"]) == ("22 004 123", "Pay for lost support")
    assert exported["remedy_amount"] in ("300", "300.00", 300)


def test_the_decision_form_through_the_page(signed_in, write, staff_ids, today, calendar):
    def build(session):
        complaint = add_complaint(
            session,
            reference="CS-OMBD-0003",
            team="leaving-care",
            received=calendar.subtract_working_days(today, 90),
            stages=4,
            responded={n: calendar.subtract_working_days(today, 80 - 20 * n) for n in (1, 2, 3)},
        )
        return complaint.id

    write(build)
    client = signed_in("officer")
    form = {"decided_on-day": str(today.day), "decided_on-month": str(today.month), "decided_on-year": str(today.year)}
    response = client.post(
        "/staff/complaints/CS-OMBD-0003/ombudsman-decision", data=form | {"decision": "upheld", "remedy": "Apologise"}
    )
    assert response.status_code == 400
    assert "Enter the date the Ombudsman asked the remedy to be done by" in response.get_data(as_text=True)
    response = client.post("/staff/complaints/CS-OMBD-0003/ombudsman-decision", data=form | {"decision": "not-upheld"})
    assert response.status_code == 302


def test_a_response_records_what_the_complaint_was_about(db_session, ctx):
    db_session.add(ReasonCategory(slug="delay-test", label="Delay (test)"))
    complaint = add_complaint(db_session, reference="CS-RSN-0001", team="leaving-care", received=date(2018, 1, 3))
    with pytest.raises(ActionRefused) as refused:
        actions.record_response(
            ctx,
            complaint,
            responded_on=date(2018, 1, 12),
            outcome="not-upheld",
            learning=[],
            summary="x",
            reasons=["nope"],
        )
    assert refused.value.field == "reasons"
    actions.record_response(
        ctx,
        complaint,
        responded_on=date(2018, 1, 12),
        outcome="not-upheld",
        learning=[],
        summary="x",
        reasons=["delay-test"],
    )
    after = (
        db_session.exec(
            select(AuditEvent).where(
                AuditEvent.complaint_id == complaint.id, AuditEvent.action == "stage.response-recorded"
            )
        )
        .one()
        .after
    )
    assert after["reasons"] == ["delay-test"]
