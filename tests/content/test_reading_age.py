"""Reading age of the complainant's words (bench/reading_age.py measures; textstat 0.7.3, offline): Flesch-Kincaid
grade 4 or below for a child's or care leaver's wording, 7 or below for a grown-up's. A failure prints every
figure, worst first."""

from __future__ import annotations

from bench.reading_age import LIMITS, Figure, grade, measure, report


def test_every_message_reads_at_its_audiences_age():
    figures = measure()
    readers = {figure.reader for figure in figures}
    wheres = {figure.where for figure in figures}
    # Everything is measured: both readers, every email, the chat's own messages and the sent page's.
    assert readers == {"young", "grown-up"}
    assert {"email: acknowledgement", "email: intake-resume", "what_happened", "note: date read as"} <= wheres
    assert {"letter: extension", "letter: stage-1-response", "letter: stage-received"} <= wheres
    over = [figure for figure in figures if figure.over]
    assert over == [], "Flesch-Kincaid grade over the limit:\n" + report(figures)


def test_the_measure_can_fail():
    hard = (
        "Notwithstanding the aforementioned statutory considerations, the local authority's determination "
        "regarding the appropriateness of the placement necessitates comprehensive multidisciplinary evaluation."
    )
    assert grade(hard) > LIMITS["grown-up"]
    assert Figure("young", "child", "example", grade(hard), hard).over


def test_a_child_is_never_told_grown_up_things():
    """Child-only words stay with children: a grown-up's wording has no "trouble" or Childline."""
    for figure in measure():
        if figure.reader == "grown-up":
            assert "trouble" not in figure.text and "Childline" not in figure.text, (figure.audience, figure.where)
