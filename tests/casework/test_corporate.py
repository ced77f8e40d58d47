"""Corporate complaints in the staff actions: their own timescales, no stage 3, the Ombudsman after stage 2."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from casework import actions
from casework.actions import ActionContext, ActionRefused
from casework.casefile import allowed_actions
from casework.stages import stages_of
from models.staff import StaffUser
from tests.factories import add_complaint, add_staff
from tests.html import Page

NOW = datetime(2018, 3, 15, 10, 0, tzinfo=UTC)


@pytest.fixture
def ctx(db_session, settings):
    ids = add_staff(db_session, settings)
    return ActionContext(
        session=db_session, actor=db_session.get(StaffUser, ids["officer"]), settings=settings, now=NOW
    )


def corporate(db_session, **kwargs):
    complaint = add_complaint(db_session, team="leaving-care", received=date(2018, 1, 8), **kwargs)
    complaint.procedure = "corporate"
    db_session.add(complaint)
    db_session.flush()
    return complaint


def test_stage_2_takes_20_working_days_and_stage_3_never_comes(db_session, ctx):
    complaint = corporate(db_session, responded={1: date(2018, 1, 19)})
    two = actions.escalate(ctx, complaint, requested_on=date(2018, 1, 29), late_reason="")
    assert two.due_on == date(2018, 2, 26)  # 20 working days; statutory would be 25
    with pytest.raises(ActionRefused, match="past"):
        actions.extend(ctx, complaint, extend_to=date(2018, 3, 27), reason="complex")  # past 30 working days
    actions.record_response(
        ctx, complaint, responded_on=date(2018, 2, 20), outcome="not-upheld", learning=[], summary="x"
    )
    stages = stages_of(db_session, complaint.id)
    allowed = allowed_actions(ctx, complaint, stages)
    assert "escalate" not in allowed and "ombudsman" in allowed
    assert actions.record_ombudsman(ctx, complaint, received_on=date(2018, 3, 1)).stage == 4


def test_the_corporate_timescales_follow_the_settings(db_session, ctx):
    complaint = corporate(db_session, responded={1: date(2018, 1, 19)})
    longer = replace(ctx, settings=replace(ctx.settings, corporate_working_days=(15, 30)))
    two = actions.escalate(longer, complaint, requested_on=date(2018, 1, 29), late_reason="")
    assert two.due_on == date(2018, 3, 12)  # 30 working days


def test_the_case_page_names_the_procedure_the_advocate_and_the_equalities_given(signed_in, write, staff_ids, today):
    def build(session):
        complaint = add_complaint(session, reference="CS-CORP-0001", team="leaving-care", received=today)
        complaint.procedure, complaint.via_advocate = "corporate", True
        complaint.age_band, complaint.ethnicity = "16-17", "prefer-not-to-say"
        session.add(complaint)

    write(build)
    page = Page(signed_in("officer").get("/staff/complaints/CS-CORP-0001").get_data(as_text=True))
    rows = {
        row.select_one("dt").text.strip(): row.select_one("dd").text.strip()
        for row in page.select(".govuk-summary-list__row")
    }
    assert rows["Procedure"] == "Corporate"
    assert rows["Made through an advocate"] == "Yes"
    assert rows["Equalities monitoring"] == "16 or 17; Prefer not to say"


def test_staff_change_the_procedure_and_the_deadline_follows(db_session, ctx):
    complaint = add_complaint(
        db_session, team="leaving-care", received=date(2018, 3, 1), stages=2, responded={1: date(2018, 3, 6)}
    )
    two = stages_of(db_session, complaint.id)[1]
    assert two.due_on == date(2018, 4, 13)  # 25 working days from 7 March, over Easter
    with pytest.raises(ActionRefused) as refused:
        actions.set_procedure(ctx, complaint, "corporate", "")
    assert refused.value.field == "reason"
    actions.set_procedure(ctx, complaint, "corporate", "About school transport, not social care")
    assert (complaint.procedure, two.due_on) == ("corporate", date(2018, 4, 6))  # 20 working days
    with pytest.raises(ActionRefused, match="already corporate"):
        actions.set_procedure(ctx, complaint, "corporate", "again")
    three = add_complaint(
        db_session,
        team="leaving-care",
        received=date(2017, 6, 1),
        stages=3,
        responded={1: date(2017, 6, 9), 2: date(2017, 8, 1)},
    )
    with pytest.raises(ActionRefused, match="no stage 3"):
        actions.set_procedure(ctx, three, "corporate", "mistake")


def test_the_procedure_form_on_the_case_page(signed_in, write, staff_ids, today):
    write(lambda session: add_complaint(session, reference="CS-CORP-0002", team="leaving-care", received=today))
    officer = signed_in("officer")
    response = officer.post("/staff/complaints/CS-CORP-0002/procedure", data={"procedure": "corporate"})
    assert response.status_code == 400 and "Enter a reason" in response.get_data(as_text=True)
    data = {"procedure": "corporate", "reason": "About a school place"}
    assert officer.post("/staff/complaints/CS-CORP-0002/procedure", data=data).status_code == 302
