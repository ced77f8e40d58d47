"""Shared pieces for the queries tests: a vocabulary built from the demo directory without a database."""

from __future__ import annotations

import pytest

from casework.demo import DEMO_DIR, LEARNING_CATEGORIES
from casework.directory import parse_directory
from queries.vocabulary import TeamInfo, Vocabulary


def demo_vocabulary() -> Vocabulary:
    rows = parse_directory((DEMO_DIR / "teams.csv").read_text(encoding="utf-8"))
    teams = [TeamInfo(index, row.slug, row.name, row.is_lac) for index, row in enumerate(rows, start=1)]
    aliases = [(row.slug, kind, text) for row in rows for kind, text in row.aliases]
    aliases += [(row.slug, "worker", name) for row in rows for name, _title in row.workers]
    learning = [(index, slug, label) for index, (slug, label) in enumerate(LEARNING_CATEGORIES, start=1)]
    return Vocabulary.build(teams, aliases, learning)


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return demo_vocabulary()
