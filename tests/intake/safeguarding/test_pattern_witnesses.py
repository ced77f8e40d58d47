"""Every pattern of the detector's data files is needed: a labelled sentence is got wrong without it.

bench/safeguarding_witnesses.py finds, for each pattern, a sentence the rules flag only through that pattern
(or, for an idiom or a doubt of not-danger.toml, an ordinary sentence that is flagged without it). A pattern
with no witness could be deleted and no test would notice. witnessed.csv keeps each witness beside its pattern:
each must stay flagged (or, for an idiom, quiet), so deleting a witnessed pattern fails here. unwitnessed.txt
lists the patterns that have no witness yet: the list may only shrink. A new or changed pattern needs a witness
(a sentence in witnesses.csv, a data file's example or a tuning split); after a deliberate change, rewrite both
lists with `python -m bench.safeguarding_witnesses --write-lists`.
"""

from __future__ import annotations

import csv

import pytest

from bench.safeguarding_witnesses import (
    ORDINARY,
    UNWITNESSED,
    WITNESSED,
    WITNESSES,
    find_witnesses,
    labelled_sentences,
    library,
    read_sentences,
)
from intake.safeguarding.detector import detector
from models.safeguarding import CATEGORIES


@pytest.fixture(scope="module")
def witnesses():
    data = library()
    return find_witnesses(detector(), data, labelled_sentences(data), rules_only=True)


def test_no_pattern_loses_its_witness(witnesses):
    allowed = set(UNWITNESSED.read_text(encoding="utf-8").splitlines())
    without = sorted(str(pattern) for pattern, witness in witnesses.items() if witness is None)
    assert [pattern for pattern in without if pattern not in allowed] == [], "patterns with no witness"


def test_the_list_of_patterns_without_a_witness_only_names_patterns_that_still_have_none(witnesses):
    # Once a pattern has a witness (or is rewritten), it leaves the list: the list shrinks as witnesses come.
    without = {str(pattern) for pattern, witness in witnesses.items() if witness is None}
    stale = set(UNWITNESSED.read_text(encoding="utf-8").splitlines()) - without
    assert sorted(stale) == [], "run: python -m bench.safeguarding_witnesses --write-lists"


def test_each_witness_is_still_got_right():
    # A witnessed pattern deleted from its file: its witness is no longer flagged by the rules (or an idiom's
    # witness, an ordinary sentence, is flagged), whatever the pattern list says now.
    with WITNESSED.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 500
    wrong = []
    for row in rows:
        if row["label"] == ORDINARY:
            if detector().find(row["text"]):
                wrong.append(f"flagged now ({row['pattern']}): {row['text']}")
        elif not detector().find(row["text"], rules_only=True):
            wrong.append(f"missed now ({row['pattern']}): {row['text']}")
    assert wrong == [], "was a pattern deleted? " + "; ".join(wrong[:5])


def test_every_written_witness_is_labelled_and_witnesses_a_pattern(witnesses):
    written = read_sentences(WITNESSES)
    labels = {category.slug for category in CATEGORIES} | {ORDINARY}
    assert all(sentence.label in labels for sentence in written)
    used = {witness.text for witness in witnesses.values() if witness is not None and witness.source == WITNESSES.name}
    assert [sentence.text for sentence in written if sentence.text not in used] == []


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("sexual-harm", "rape|raped"),  # the phrases an audit deleted without any test noticing
        ("sexual-harm", "groom|groomed"),
        ("sexual-harm", "touch|touches|touched|touching ...2 me"),
        ("sexual-harm", "sexual|sexually|sex"),
    ],
)
def test_the_patterns_an_audit_deleted_have_witnesses(witnesses, file, words):
    found = [pattern for pattern in witnesses if pattern.file == file and pattern.text.startswith(words)]
    assert found and all(witnesses[pattern] is not None for pattern in found), found
