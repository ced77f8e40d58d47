"""The labelled questions (questions.tsv): staff wording, typos included, with the answers on the demo data.

`value` is the answer's value, or "unclear" when the right answer is "I'm not sure what you meant";
`rows` lists key=value pairs that must be among the answer's rows.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from models.db import get_engine
from queries.asker import Asker

with (Path(__file__).parent / "questions.tsv").open(encoding="utf-8") as _file:
    CASES = list(csv.DictReader(_file, delimiter="\t"))


def test_the_labelled_set_is_big_enough():
    assert len(CASES) >= 100
    assert sum(case["value"] == "unclear" for case in CASES) >= 10


@pytest.fixture(scope="module")
def askers(demo_database_url):
    session = Session(get_engine(demo_database_url))
    made: dict[str, Asker] = {}

    def asker(as_of: str) -> Asker:
        if as_of not in made:
            vocab = next(iter(made.values())).vocabulary if made else None
            made[as_of] = Asker(session, date.fromisoformat(as_of), vocab=vocab)
        return made[as_of]

    yield asker
    session.close()


@pytest.mark.parametrize("case", CASES, ids=[f"{i}:{c['question'][:40]}" for i, c in enumerate(CASES, start=2)])
def test_question(case, askers):
    answer = askers(case["as_of"]).ask(case["question"])
    if case["value"] == "unclear":
        assert not answer.clear, answer.answer
        assert answer.value is None
        assert answer.answer.startswith("I'm not sure") or "I can" in answer.answer or "A percentage" in answer.answer
        return
    assert answer.clear, answer.answer
    assert answer.value == pytest.approx(float(case["value"])), answer.answer
    rows = {row["key"]: row["value"] for row in answer.rows}
    for pair in filter(None, (case["rows"] or "").split(";")):
        key, value = pair.split("=")
        assert rows.get(key) == pytest.approx(float(value)), (key, answer.rows)
