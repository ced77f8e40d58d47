"""Questions over another council's records (Bradford 2022/23, demo/councils/bradford-2022-23): every figure a
council publishes comes back from `ask` as the annual report gives it, and each answer says which reading it used."""

from __future__ import annotations

import pytest

from bench.councils import BRADFORD_TODAY, council_session
from queries.asker import Asker
from queries.periods import financial_year_of
from queries.report import build_report


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    session = council_session(tmp_path_factory.mktemp("bradford-questions"))
    yield session
    session.close()


@pytest.fixture(scope="module")
def asker(council) -> Asker:
    return Asker(council, BRADFORD_TODAY)


@pytest.fixture(scope="module")
def figures(council) -> dict:
    return build_report(council, financial_year_of(BRADFORD_TODAY), as_of=BRADFORD_TODAY).figures


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_closed_in_time_is_the_reports_figure_and_says_so(asker, figures, stage):
    answer = asker.ask(f"% of stage {stage} closed in time in 2022/23")
    published = figures["on_time_closed"][str(stage)]
    assert answer.clear and answer.value == pytest.approx(published["percent"])
    assert f"{published['on_time']} of {published['of']}" in answer.answer
    assert "closed in 2022/23" in answer.answer and "counting agreed extensions" in answer.answer
    assert "reading councils publish" in answer.answer


def test_on_time_by_date_received_says_it_is_not_the_published_reading(asker):
    answer = asker.ask("what percentage of stage 1 complaints were answered on time in 2022/23")
    assert answer.clear and "received in 2022/23" in answer.answer
    assert "% closed in time" in answer.answer  # where the published figure is


def test_received_and_closed_match_the_report(asker, figures):
    for stage in (1, 2, 3):
        closed = asker.ask(f"how many stage {stage} complaints were closed in 2022/23")
        assert closed.value == figures["closed"][str(stage)]
        assert asker.ask(f"how many stage {stage} complaints in 2022/23").value == figures["received"][str(stage)]


def test_statutory_is_counted_and_named_and_corporate_never_a_zero(asker):
    statutory = asker.ask("how many statutory complaints were received at stage 1 in 2022/23")
    assert statutory.clear and statutory.value == 369 and "statutory" in statutory.answer
    corporate = asker.ask("how many corporate complaints in 2022/23")
    assert not corporate.clear and corporate.value is None and "corporate" in corporate.answer
    assert "Did you mean: How many stage 1 complaints in 2022/23?" in corporate.answer


def test_compliments_and_enquiries_match_the_report(asker, figures):
    feedback = figures["feedback"]
    assert asker.ask("number of compliments received 2022/23").value == feedback["compliment"]["received"] == 31
    assert asker.ask("how many enquiries in 2022/23").value == feedback["enquiry"]["received"] == 38
    assert asker.ask("pre-complaints closed 2022/23").value == feedback["pre-complaint"]["closed"] == 41
    both = asker.ask("compliments and enquiries 2022/23")
    assert {row["key"]: row["value"] for row in both.rows} == {"compliment": 31, "enquiry": 38}
    mixed = asker.ask("how many stage 1 compliments upheld in 2022/23")
    assert not mixed.clear  # compliments have no stages or outcomes: never one of them silently dropped


def test_ombudsman_decisions_and_remedies_match_the_report(asker, figures):
    ombudsman = figures["ombudsman"]
    decisions = asker.ask("Ombudsman decisions 2022/23")
    assert decisions.value == ombudsman["decided"] == 16
    assert {row["key"]: row["value"] for row in decisions.rows} == ombudsman["decisions"]
    assert asker.ask("how many complaints did the ombudsman fully investigate in 2022/23").value == 6
    assert asker.ask("ombudsman decisions upheld or partly upheld in 2022/23").value == ombudsman["upheld"]
    assert asker.ask("number of ombudsman remedies in 2022/23").value == ombudsman["remedies"]
    assert "made in 2022/23" in asker.ask("how many premature ombudsman decisions in 2022/23").answer


def test_escalation_extensions_and_advocates(asker, figures):
    assert asker.ask("escalation rate from stage 1 to stage 2 in 2022/23").value == pytest.approx(5.1)
    assert asker.ask("how many stage 1 complaints had an extended deadline in 2022/23").value == 25
    assert asker.ask("complaints made through an advocate in 2022/23").value == figures["stage_1_via_advocate"]
    assert asker.ask("complaints from young people or their advocates in 2022/23").value == 20


def test_a_team_named_like_the_lac_word_is_that_team(asker):
    answer = asker.ask("how many stage 1 complaints did CIC receive in 2022/23")
    assert answer.value == 53 and "CIC" in answer.answer


def test_top_reasons_with_none_recorded_says_so(asker):
    answer = asker.ask("top reasons for complaints 2022/23")
    assert not answer.clear and "369" in answer.answer and "reason" in answer.answer


def test_follow_ups_never_drop_compliments_or_a_stage(asker):
    stage_1 = asker.ask("stage 1 complaints in 2022/23")
    compliments = asker.ask("and compliments?", stage_1.query)
    assert compliments.clear and compliments.value == 31 and "compliments" in compliments.answer
    assert not asker.ask("and stage 2?", compliments.query).clear  # compliments have no stages
    assert asker.ask("by team", compliments.query).value == 31


def test_a_period_before_the_records_began_is_not_a_zero(asker):
    before = asker.ask("how many compliments did we get in 2020/21")
    assert not before.clear and before.value is None and "first day these records hold" in before.answer
    assert not asker.ask("stage 1 complaints in 2015/16").clear


def test_statutory_and_corporate_side_by_side_once_corporate_is_recorded(tmp_path):
    from sqlalchemy import text

    session = council_session(tmp_path)
    try:
        # One stage 1 complaint received in the year, recorded as corporate (hand SQL picks it).
        session.connection().execute(
            text(
                "UPDATE complaint SET procedure = 'corporate' WHERE id = (SELECT min(complaint_id) FROM stage_record "
                "WHERE stage = 1 AND received_on >= '2022-04-01')"
            )
        )
        session.commit()
        asker = Asker(session, BRADFORD_TODAY)
        both = asker.ask("statutory and corporate complaints 2022/23")
        assert {row["key"]: row["value"] for row in both.rows} == {"statutory": 368, "corporate": 1}
        corporate = asker.ask("how many corporate complaints in 2022/23")
        assert corporate.clear and corporate.value == 1 and "corporate" in corporate.answer
        assert asker.ask("how many statutory complaints in 2022/23").value == 368
    finally:
        session.close()


def test_investigated_alone_is_asked_about_with_both_readings_offered(asker):
    answer = asker.ask("how many complaints were investigated in 2022/23")
    assert not answer.clear
    assert answer.interpretation["did_you_mean"] == [
        "How many stage 2 complaints in 2022/23?",
        "How many ombudsman complaints by decision in 2022/23?",
    ]
    assert asker.ask("how many complaints did the ombudsman fully investigate in 2022/23").value == 6


def test_a_breakdown_by_reason_with_none_recorded_offers_the_total(asker):
    answer = asker.ask("complaints by reason 2022/23")
    assert not answer.clear and answer.interpretation["status"] == "not-recorded"
    assert answer.interpretation["did_you_mean"] == ["How many stage 1 complaints in 2022/23?"]


def test_ombudsman_upheld_alone_asks_which_and_offers_both(asker, figures):
    answer = asker.ask("how many ombudsman complaints were upheld in 2022/23")
    assert not answer.clear
    offered = answer.interpretation["did_you_mean"]
    assert offered == [
        "How many ombudsman decisions fully upheld in 2022/23?",
        "How many ombudsman decisions upheld or partly upheld in 2022/23?",
    ]
    assert asker.ask(offered[1]).value == figures["ombudsman"]["upheld"] == 5
    assert asker.ask(offered[0]).value == figures["ombudsman"]["decisions"]["upheld"] == 3
