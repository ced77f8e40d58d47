"""The report's reading of the newer facts: small numbers suppressed, and procedure counted on any schema."""

from __future__ import annotations

from queries import report_facts
from queries.engine import Engine
from queries.periods import financial_year
from queries.query import Filters, Query
from queries.report_facts import SUPPRESSED, Counted, suppress
from queries.vocabulary import cached_vocabulary
from tests.conftest import DEMO_TODAY


def _values(rows: list[Counted]) -> dict[str, int | str]:
    return {row.key: row.value for row in suppress(rows)}


def test_counts_of_1_to_4_are_suppressed_and_0_and_5_shown():
    rows = [Counted("a", "A", 12), Counted("b", "B", 4), Counted("c", "C", 1), Counted("d", "D", 0)]
    assert _values(rows) == {"a": 12, "b": SUPPRESSED, "c": SUPPRESSED, "d": 0}
    assert _values([Counted("a", "A", 5), Counted("b", "B", 7)]) == {"a": 5, "b": 7}


def test_a_lone_small_count_takes_the_next_smallest_with_it():
    # With only one hidden, the total less the others would give it away.
    rows = [Counted("a", "A", 30), Counted("b", "B", 9), Counted("c", "C", 2)]
    assert _values(rows) == {"a": 30, "b": SUPPRESSED, "c": SUPPRESSED}


def test_statutory_and_corporate_split_the_complaints(demo_session):
    engine = Engine(demo_session, cached_vocabulary(demo_session), as_of=DEMO_TODAY)
    year = financial_year(2017)

    def count(procedure: str | None) -> int:
        return int(engine.figure(Query(stages=(1,), filters=Filters(procedure=procedure)), year).value or 0)

    assert count("statutory") + count("corporate") == count(None) == 88
    if not report_facts.has_procedure():
        assert count("corporate") == 0  # before procedures were recorded, every complaint was statutory
