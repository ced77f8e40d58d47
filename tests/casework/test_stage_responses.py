"""The case page shows each stage's response: outcome, learning and the summary as the officer wrote it."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from models.complaints import LearningCategory, StageLearning, StageRecord
from tests.factories import add_complaint
from tests.html import Page

REF = "CS-RESP-0001"


def test_each_answered_stage_shows_its_outcome_learning_and_summary(signed_in, write):
    def setup(session):
        complaint = add_complaint(
            session,
            reference=REF,
            team="leaving-care",
            received=date(2025, 3, 3),
            stages=2,
            responded={1: date(2025, 3, 14)},
            status="open",
        )
        stage_1, stage_2 = session.exec(
            select(StageRecord).where(StageRecord.complaint_id == complaint.id).order_by(StageRecord.stage)
        ).all()
        stage_1.response_summary = "We agreed the grant was late.\nIt was paid on 12 March."
        stage_1.outcome = "partially-upheld"
        delays = session.exec(select(LearningCategory).where(LearningCategory.slug == "delays")).one()
        session.add_all([stage_1, StageLearning(stage_record_id=stage_1.id, category_id=delays.id)])
        return delays.label

    delays_label = write(setup)
    page = Page(signed_in("officer").get(f"/staff/complaints/{REF}").get_data(as_text=True))
    assert page.texts("h2") and "Responses" in page.texts("h2")
    assert page.texts(".casework-response__heading") == ["Stage 1 response, Friday 14 March 2025"]  # stage 2 waits
    rows = dict(zip(page.texts(".casework-response dt"), page.texts(".casework-response dd"), strict=True))
    assert rows["Outcome"] == "Partially upheld"
    assert rows["Learning"] == delays_label
    assert "We agreed the grant was late." in rows["Summary"] and "It was paid on 12 March." in rows["Summary"]
    assert page.select(".casework-response__summary")


def test_no_responses_section_before_any_response(signed_in, write):
    write(lambda s: add_complaint(s, reference=REF, team="leaving-care", received=date(2025, 3, 3)))
    page = Page(signed_in("officer").get(f"/staff/complaints/{REF}").get_data(as_text=True))
    assert "Responses" not in page.texts("h2")
