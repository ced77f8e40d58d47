"""Questions other people wrote in their own words (tests/queries/corpus/tuning.tsv), with answers worked out by
hand-written SQL over the demo and over Bradford's 2022/23 records: never a confidently wrong answer, and most
answered right.

The held-out fifth is not in the repository's tests: it is run by `python -m bench.questions_eval --split heldout`.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from bench.questions_eval import SPLITS, Sessions, evaluate, judge, load
from models.db import get_engine
from queries.asker import Asker

TUNING = load(SPLITS["tuning"])
RIGHT_FLOOR = 0.95


@pytest.fixture(scope="module")
def demo(demo_database_url):
    session = Session(get_engine(demo_database_url))
    yield session
    session.close()


def test_the_tuning_corpus_is_other_peoples_words_of_every_kind():
    assert len(TUNING) >= 150
    assert sum(case.value == "unclear" for case in TUNING) >= 20
    assert sum(case.data == "bradford" for case in TUNING) >= 30  # another council's records, not only the demo


def test_no_confidently_wrong_answer_and_a_right_rate_floor(demo, tmp_path):
    sessions = Sessions(tmp_path, {"demo": demo})
    try:
        score = evaluate(sessions, TUNING)
    finally:
        sessions.close()
    wrong = [(case.question, got) for case, got in score.wrong]
    assert wrong == []
    assert score.right / score.total >= RIGHT_FLOOR, [case.question for case, _got in score.unsure]


@pytest.mark.parametrize(
    ("question", "value"),
    [("how many stage 1 complaints in 2017/18", "88"), ("how many compliments in 2017/18", "unclear")],
)
def test_the_judge_tells_right_from_wrong(demo, question, value):
    from bench.questions_eval import Case

    answer = Asker(demo, date(2026, 11, 26)).ask(question)
    assert judge(Case(question, "2026-11-26", value, ""), answer) == "right"
    assert judge(Case(question, "2026-11-26", "87" if value != "unclear" else "5", ""), answer) != "right"
