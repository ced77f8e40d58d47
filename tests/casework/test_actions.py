"""Each staff action: what it changes when the law allows it, and its refusal (with nothing changed) when not."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from casework import actions
from casework.actions import ActionContext, ActionRefused
from casework.casefile import allowed_actions, find_complaint
from casework.stages import stages_of
from models.audit import AuditEvent
from models.complaints import Complaint, LearningCategory, StageLearning
from models.db import get_engine
from models.outbox import OutboxMessage
from models.staff import StaffUser
from reminders import replan
from tests.databases import backend
from tests.factories import add_complaint, add_staff

# Monday 15 January 2018. Stage 1 received Wednesday 20 December 2017 was due 8 January, at the latest 22 January.
NOW = datetime(2018, 1, 15, 10, 0, tzinfo=UTC)


@pytest.fixture
def people(db_session, settings):
    ids = add_staff(db_session, settings)
    return {role: db_session.get(StaffUser, user_id) for role, user_id in ids.items()}


@pytest.fixture
def ctx(db_session, settings, people):
    return ActionContext(session=db_session, actor=people["officer"], settings=settings, now=NOW)


def stage1(db_session, **kwargs):
    values = {"reference": "CS-TEST-0001", "team": "leaving-care", "received": date(2017, 12, 20)} | kwargs
    return add_complaint(db_session, **values)


def audit_actions(db_session, complaint):
    query = select(AuditEvent).where(AuditEvent.complaint_id == complaint.id).order_by(AuditEvent.id)
    return [e.action for e in db_session.exec(query)]


def test_assign_from_triage_opens_stage_1_and_plans_reminders(db_session, ctx):
    complaint = add_complaint(db_session, reference="CS-TRIA-0001", team=None, received=date(2018, 1, 10))
    actions.assign_team(ctx, complaint, "leaving-care", "")
    assert complaint.status == "open"
    (record,) = stages_of(db_session, complaint.id)
    assert record.team_id == complaint.team_id
    event = db_session.exec(select(AuditEvent).where(AuditEvent.action == "complaint.team-assigned")).one()
    assert event.before == {"team_id": None, "status": "awaiting-triage"}
    assert event.after["team"] == "leaving-care"
    assert db_session.exec(select(OutboxMessage).where(OutboxMessage.complaint_id == complaint.id)).all()


def test_triage_without_a_stage_creates_stage_1_from_the_day_received(db_session, ctx):
    complaint = add_complaint(db_session, reference="CS-TRIA-0002", team=None, received=date(2017, 12, 20), stages=0)
    actions.assign_team(ctx, complaint, "assessments", "")
    (record,) = stages_of(db_session, complaint.id)
    assert (record.stage, record.received_on, record.due_on) == (1, date(2017, 12, 20), date(2018, 1, 8))


def test_only_an_officer_assigns_from_triage(db_session, ctx, people):
    complaint = add_complaint(db_session, reference="CS-TRIA-0003", team=None, received=date(2018, 1, 10))
    manager = ActionContext(db_session, people["manager"], ctx.settings, NOW)
    with pytest.raises(ActionRefused, match="Only a complaints officer"):
        actions.assign_team(manager, complaint, "leaving-care", "")


def test_reassign_needs_a_reason_and_another_team(db_session, ctx):
    complaint = stage1(db_session)
    with pytest.raises(ActionRefused) as refused:
        actions.assign_team(ctx, complaint, "assessments", " ")
    assert refused.value.field == "reason"
    with pytest.raises(ActionRefused, match="already with"):
        actions.assign_team(ctx, complaint, "leaving-care", "moving")
    with pytest.raises(ActionRefused, match="Choose the team"):
        actions.assign_team(ctx, complaint, "no-such-team", "moving")
    actions.assign_team(ctx, complaint, "assessments", "It is about an assessment")
    assert audit_actions(db_session, complaint) == ["complaint.team-reassigned"]
    assert stages_of(db_session, complaint.id)[0].team_id == complaint.team_id


def test_a_manager_cannot_touch_another_teams_complaint(db_session, ctx, people):
    complaint = stage1(db_session, team="assessments")
    manager = ActionContext(db_session, people["manager"], ctx.settings, NOW)
    with pytest.raises(ActionRefused, match="cannot change"):
        actions.extend(manager, complaint, extend_to=date(2018, 1, 22), reason="complex")


def test_admin_cannot_act_on_complaints(db_session, ctx, people):
    complaint = stage1(db_session)
    admin = ActionContext(db_session, people["admin"], ctx.settings, NOW)
    with pytest.raises(ActionRefused):
        actions.withdraw(admin, complaint, on=date(2018, 1, 12), reason="asked")


def test_record_stage_1_response_closes_the_complaint_with_learning(db_session, ctx):
    complaint = stage1(db_session)
    record = actions.record_response(
        ctx,
        complaint,
        responded_on=date(2018, 1, 12),
        outcome="upheld",
        learning=["poor-communication", "delays"],
        summary="We apologised and arranged a weekly call.",
    )
    assert (record.responded_on, record.outcome) == (date(2018, 1, 12), "upheld")
    assert complaint.status == "closed" and complaint.closed_at == NOW
    slugs = db_session.exec(
        select(LearningCategory.slug).join(StageLearning).where(StageLearning.stage_record_id == record.id)
    ).all()
    assert sorted(slugs) == ["delays", "poor-communication"]
    event = db_session.exec(select(AuditEvent).where(AuditEvent.action == "stage.response-recorded")).one()
    assert event.before["responded_on"] is None
    assert event.after["responded_on"] == "2018-01-12"
    assert "apologised" not in str(event.after)  # free text is counted, never copied, into the audit trail


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"responded_on": None}, "responded_on"),
        ({"responded_on": date(2018, 1, 16)}, "responded_on"),  # tomorrow
        ({"responded_on": date(2017, 12, 19)}, "responded_on"),  # before the stage was received
        ({"outcome": "delighted"}, "outcome"),
        ({"learning": []}, "learning"),  # upheld at stage 1 without a lesson
        ({"learning": ["made-up"]}, "learning"),
        ({"summary": "  "}, "summary"),
    ],
)
def test_response_refusals_change_nothing(db_session, ctx, fields, field):
    complaint = stage1(db_session)
    values = {
        "responded_on": date(2018, 1, 12),
        "outcome": "upheld",
        "learning": ["delays"],
        "summary": "Sorry.",
    } | fields
    with pytest.raises(ActionRefused) as refused:
        actions.record_response(ctx, complaint, **values)
    assert refused.value.field == field
    assert stages_of(db_session, complaint.id)[0].responded_on is None
    assert audit_actions(db_session, complaint) == []


def test_not_upheld_needs_no_lesson(db_session, ctx):
    complaint = stage1(db_session)
    actions.record_response(
        ctx, complaint, responded_on=date(2018, 1, 12), outcome="not-upheld", learning=[], summary="Explained."
    )
    assert complaint.status == "closed"


def test_cannot_respond_twice(db_session, ctx):
    complaint = stage1(db_session, responded={1: date(2018, 1, 5)})
    with pytest.raises(ActionRefused, match="no open stage"):
        actions.record_response(
            ctx, complaint, responded_on=date(2018, 1, 12), outcome="upheld", learning=["delays"], summary="x"
        )


def test_extend_stage_1_once_up_to_20_working_days(db_session, ctx):
    complaint = stage1(db_session)
    with pytest.raises(ActionRefused, match="past"):
        actions.extend(ctx, complaint, extend_to=date(2018, 1, 23), reason="complex")
    with pytest.raises(ActionRefused) as refused:
        actions.extend(ctx, complaint, extend_to=date(2018, 1, 22), reason="")
    assert refused.value.field == "reason"
    with pytest.raises(ActionRefused, match="after the current deadline"):
        actions.extend(ctx, complaint, extend_to=date(2018, 1, 8), reason="complex")
    with pytest.raises(ActionRefused, match="working day"):
        actions.extend(ctx, complaint, extend_to=date(2018, 1, 20), reason="complex")  # a Saturday
    record = actions.extend(ctx, complaint, extend_to=date(2018, 1, 22), reason="An advocate is being arranged")
    assert record.extended_to == date(2018, 1, 22)
    event = db_session.exec(select(AuditEvent).where(AuditEvent.action == "stage.extended")).one()
    assert (event.before["extended_to"], event.after["extended_to"]) == (None, "2018-01-22")
    with pytest.raises(ActionRefused, match="only once"):
        actions.extend(ctx, complaint, extend_to=date(2018, 1, 19), reason="again")


def test_extension_replans_the_reminders(db_session, ctx):
    complaint = stage1(db_session)
    (record,) = stages_of(db_session, complaint.id)
    replan.stage_changed(db_session, record, ctx.settings, NOW)  # as the scheduler would have: it is overdue

    def pending_about_old_deadline():
        rows = db_session.exec(select(OutboxMessage).where(OutboxMessage.complaint_id == complaint.id)).all()
        return [m.idempotency_key for m in rows if "2018-01-08" in m.idempotency_key and m.status == "pending"]

    assert pending_about_old_deadline()
    actions.extend(ctx, complaint, extend_to=date(2018, 1, 22), reason="complex")
    assert pending_about_old_deadline() == []  # the missed-deadline emails about 8 January are cancelled


def test_escalate_to_stage_2_inside_the_window(db_session, ctx):
    complaint = stage1(db_session, responded={1: date(2018, 1, 8)})
    assert complaint.status == "closed"
    record = actions.escalate(ctx, complaint, requested_on=date(2018, 1, 15), late_reason="")
    # Stage 2 is due 25 working days after the request.
    assert (record.stage, record.received_on, record.due_on) == (2, date(2018, 1, 15), date(2018, 2, 19))
    assert complaint.status == "open" and complaint.closed_at is None
    assert record.late_request_reason == ""
    assert "stage.escalated" in audit_actions(db_session, complaint)


def test_a_late_request_needs_the_reason_it_was_accepted(db_session, settings, people):
    late_now = datetime(2018, 3, 1, 10, 0, tzinfo=UTC)
    ctx = ActionContext(db_session, people["officer"], settings, late_now)
    complaint = stage1(db_session, responded={1: date(2018, 1, 8)})  # window closed on 5 February
    with pytest.raises(ActionRefused) as refused:
        actions.escalate(ctx, complaint, requested_on=date(2018, 2, 20), late_reason="")
    assert refused.value.field == "late_reason"
    record = actions.escalate(ctx, complaint, requested_on=date(2018, 2, 20), late_reason="Was in hospital")
    assert record.late_request_reason == "Was in hospital"


def test_escalation_refusals(db_session, ctx):
    open_one = stage1(db_session)
    with pytest.raises(ActionRefused, match="cannot move"):
        actions.escalate(ctx, open_one, requested_on=date(2018, 1, 15), late_reason="")
    answered = stage1(db_session, reference="CS-TEST-0002", responded={1: date(2018, 1, 8)})
    with pytest.raises(ActionRefused) as refused:
        actions.escalate(ctx, answered, requested_on=date(2018, 1, 5), late_reason="")  # before the response
    assert refused.value.field == "requested_on"


def test_stage_3_then_ombudsman_and_decision(db_session, ctx):
    complaint = stage1(
        db_session, received=date(2017, 6, 1), stages=2, responded={1: date(2017, 6, 9), 2: date(2017, 8, 1)}
    )
    with pytest.raises(ActionRefused, match="Ombudsman can be recorded after"):
        actions.record_ombudsman(ctx, complaint, received_on=date(2018, 1, 10))
    with pytest.raises(ActionRefused, match="cannot be extended"):
        # stage 3 opens below; its dates follow the panel, not an extension
        three = actions.escalate(ctx, complaint, requested_on=date(2017, 8, 10), late_reason="")
        actions.extend(ctx, complaint, extend_to=date(2018, 1, 30), reason="x")
    assert three.stage == 3 and three.due_on is not None
    actions.record_response(
        ctx, complaint, responded_on=date(2017, 10, 20), outcome="not-upheld", learning=[], summary="Panel agreed."
    )
    with pytest.raises(ActionRefused, match="cannot move"):
        actions.escalate(ctx, complaint, requested_on=date(2018, 1, 10), late_reason="")
    ombudsman = actions.record_ombudsman(ctx, complaint, received_on=date(2018, 1, 10))
    assert ombudsman.stage == 4 and ombudsman.due_on is None and complaint.status == "open"
    assert "ombudsman-decision" in allowed_actions(ctx, complaint, stages_of(db_session, complaint.id))
    with pytest.raises(ActionRefused, match="Ombudsman's decision"):
        actions.record_response(
            ctx, complaint, responded_on=date(2018, 1, 12), outcome="upheld", learning=[], summary="x"
        )
    actions.record_ombudsman_decision(ctx, complaint, decided_on=date(2018, 1, 12), outcome="upheld", summary="")
    assert complaint.status == "closed"
    assert audit_actions(db_session, complaint)[-2:] == [
        "stage.ombudsman-recorded",
        "stage.ombudsman-decision-recorded",
    ]


def test_ombudsman_when_the_council_failed_to_respond(db_session, ctx):
    complaint = stage1(db_session)  # stage 1 was due 8 January and it is now 15 January
    assert actions.ombudsman_allowed(ctx, stages_of(db_session, complaint.id))
    on_time = stage1(db_session, reference="CS-TEST-0003", received=date(2018, 1, 10))
    assert not actions.ombudsman_allowed(ctx, stages_of(db_session, on_time.id))


def test_withdraw_closes_as_withdrawn(db_session, ctx):
    complaint = stage1(db_session)
    record = actions.withdraw(ctx, complaint, on=date(2018, 1, 12), reason="They asked us to stop")
    assert (record.outcome, complaint.status) == ("withdrawn", "withdrawn")
    with pytest.raises(ActionRefused):
        actions.withdraw(ctx, complaint, on=date(2018, 1, 12), reason="again")
    with pytest.raises(ActionRefused, match="closed"):
        actions.assign_team(ctx, complaint, "assessments", "moving")
    assert actions.escalation_window(ctx, stages_of(db_session, complaint.id)) is None


def test_resolve_early_only_at_stage_1(db_session, ctx):
    complaint = stage1(db_session)
    with pytest.raises(ActionRefused) as refused:
        actions.resolve_early(ctx, complaint, on=date(2018, 1, 12), summary="")
    assert refused.value.field == "note"
    actions.resolve_early(ctx, complaint, on=date(2018, 1, 12), summary="Called and fixed the payment")
    assert complaint.status == "closed"
    two = stage1(db_session, reference="CS-TEST-0004", stages=2, responded={1: date(2018, 1, 2)})
    with pytest.raises(ActionRefused, match="Only a stage 1"):
        actions.resolve_early(ctx, two, on=date(2018, 1, 12), summary="Fixed")


def test_allowed_actions_follow_the_stage(db_session, ctx, people):
    triage = add_complaint(db_session, reference="CS-TRIA-0009", team=None, received=date(2018, 1, 10))
    assert allowed_actions(ctx, triage, stages_of(db_session, triage.id)) == {"assign"}
    manager = ActionContext(db_session, people["manager"], ctx.settings, NOW)
    assert allowed_actions(manager, triage, stages_of(db_session, triage.id)) == set()
    open_one = stage1(db_session)
    assert allowed_actions(ctx, open_one, stages_of(db_session, open_one.id)) == {
        "assign",
        "assign-officer",
        "respond",
        "withdraw",
        "resolve-early",
        "extend",
        "ombudsman",  # overdue: the council failed to respond in time
        "procedure",  # statutory or corporate
    }
    closed = stage1(db_session, reference="CS-TEST-0005", responded={1: date(2018, 1, 8)})
    assert allowed_actions(ctx, closed, stages_of(db_session, closed.id)) == {"escalate"}
    assert db_session.get(Complaint, closed.id).status == "closed"


def test_give_the_complaint_to_an_officer_or_the_teams_manager(db_session, ctx, people):
    complaint = stage1(db_session)
    actions.assign_officer(ctx, complaint, str(people["manager"].id))  # the manager of Leaving Care
    assert complaint.assigned_officer_id == people["manager"].id
    with pytest.raises(ActionRefused, match="already has"):
        actions.assign_officer(ctx, complaint, str(people["manager"].id))
    with pytest.raises(ActionRefused) as refused:
        actions.assign_officer(ctx, complaint, str(people["admin"].id))  # an admin cannot hold complaints
    assert refused.value.field == "officer"
    other = stage1(db_session, reference="CS-TEST-0006", team="assessments")
    with pytest.raises(ActionRefused):
        actions.assign_officer(ctx, other, str(people["manager"].id))  # another team's manager
    event = db_session.exec(select(AuditEvent).where(AuditEvent.action == "complaint.officer-assigned")).one()
    assert event.after == {"assigned_officer_id": people["manager"].id}


def test_stage_3_deadline_follows_the_panel_and_its_report(db_session, ctx):
    complaint = stage1(
        db_session, received=date(2017, 6, 1), stages=2, responded={1: date(2017, 6, 9), 2: date(2017, 8, 1)}
    )
    three = actions.escalate(ctx, complaint, requested_on=date(2017, 8, 10), late_reason="")
    panel_by = ctx.calendar.add_working_days(date(2017, 8, 10), 30)
    assert three.due_on == ctx.calendar.add_working_days(ctx.calendar.add_working_days(panel_by, 5), 15)
    actions.record_panel(ctx, complaint, panel_on=date(2017, 9, 1), report_on=None)
    assert three.due_on == ctx.calendar.add_working_days(ctx.calendar.add_working_days(date(2017, 9, 1), 5), 15)
    actions.record_panel(ctx, complaint, panel_on=date(2017, 9, 1), report_on=date(2017, 9, 4))
    assert three.due_on == ctx.calendar.add_working_days(date(2017, 9, 4), 15)
    with pytest.raises(ActionRefused) as refused:
        actions.record_panel(ctx, complaint, panel_on=date(2017, 9, 1), report_on=date(2017, 8, 30))
    assert refused.value.field == "report_on"
    assert audit_actions(db_session, complaint).count("stage.panel-recorded") == 2


def test_only_stage_3_has_a_panel(db_session, ctx):
    complaint = stage1(db_session)
    with pytest.raises(ActionRefused, match="Only stage 3"):
        actions.record_panel(ctx, complaint, panel_on=date(2018, 1, 10), report_on=None)


def test_a_missing_or_impossible_date_asks_for_a_real_one_with_todays_example(db_session, ctx):
    complaint = stage1(db_session)
    with pytest.raises(ActionRefused) as refused:
        actions.record_response(ctx, complaint, responded_on=None, outcome="upheld", learning=["delays"], summary="x")
    assert str(refused.value) == "Enter a real date of the response as day, month and year, like 15 1 2018"


@pytest.mark.skipif(backend() != "postgresql", reason="row locks are PostgreSQL's; SQLite has one writer anyway")
def test_an_action_locks_its_complaint_so_a_double_click_waits_for_the_first(db_session, settings, clean_db):
    """Two escalations at once made two stage 2 rows race for one unique key: a 500 for the second click."""
    officer = db_session.get(StaffUser, add_staff(db_session, settings)["officer"])
    stage1(db_session)
    db_session.commit()
    first = Session(get_engine(clean_db), expire_on_commit=False)
    second = Session(get_engine(clean_db), expire_on_commit=False)
    try:
        assert find_complaint(first, officer, "CS-TEST-0001", for_update=True) is not None
        waited = threading.Thread(target=lambda: find_complaint(second, officer, "CS-TEST-0001", for_update=True))
        waited.start()
        waited.join(timeout=0.5)
        assert waited.is_alive(), "the second action should wait for the first to finish"
        first.commit()
        waited.join(timeout=10)
        assert not waited.is_alive()
    finally:
        first.close()
        second.close()
