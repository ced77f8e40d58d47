"""CI runs every test the same way each time: nothing skipped for a missing tool, Hypothesis derandomised."""

from __future__ import annotations

from hypothesis import settings as hypothesis_settings

from settings import BASE_DIR
from tests.needs import IN_CI


def test_the_ci_script_says_it_is_ci():
    assert 'export CI="${CI:-true}"' in (BASE_DIR / ".ci" / "run").read_text(encoding="utf-8")


def test_hypothesis_in_ci_is_derandomised_with_no_example_database():
    profile = hypothesis_settings.get_profile("ci")
    assert profile.derandomize is True and profile.database is None
    if IN_CI:
        assert hypothesis_settings.default.derandomize is True and hypothesis_settings.default.database is None
