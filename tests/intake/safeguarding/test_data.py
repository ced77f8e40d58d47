"""The detector's data files are well formed: one per category, every pattern compiles, enough examples."""

from __future__ import annotations

import tomllib

import pytest

from intake.safeguarding import CATEGORIES
from intake.safeguarding.data import DATA, NOT_DANGER, load
from intake.safeguarding.detector import build

SLUGS = tuple(category.slug for category in CATEGORIES)
MIN_EXAMPLES = 20


def test_there_is_one_file_per_category_and_no_stray_file():
    names = {path.stem for path in DATA.glob("*.toml")}
    assert names == {*SLUGS, NOT_DANGER, "words", "spelling"}


@pytest.mark.parametrize("slug", SLUGS)
def test_each_category_has_patterns_and_enough_examples(slug):
    entry = next(entry for entry in load(SLUGS).categories if entry.slug == slug)
    assert entry.patterns, f"{slug} has no patterns"
    assert len(entry.examples) >= MIN_EXAMPLES, f"{slug} has {len(entry.examples)} examples, want {MIN_EXAMPLES}"
    assert len(set(entry.patterns)) == len(entry.patterns), f"{slug} repeats a pattern"


def test_the_not_danger_file_has_examples():
    assert len(load(SLUGS).not_danger.examples) >= MIN_EXAMPLES


def test_every_file_is_toml_with_only_known_keys():
    for path in DATA.glob("*.toml"):
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
        special = {
            "words": {"sets"},
            "spelling": {"textspeak", "misspellings"},
            NOT_DANGER: {"patterns", "examples", "weak", "doubt"},
        }
        allowed = special.get(path.stem, {"patterns", "examples", "weak"})
        assert set(raw) <= allowed, f"{path.name}: {sorted(set(raw) - allowed)}"


def test_a_misspelt_set_name_or_a_stray_file_is_an_error_not_a_silence(tmp_path):
    for path in DATA.glob("*.toml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    # In the first category's file, so the build stops before compiling the others.
    broken = tmp_path / f"{SLUGS[0]}.toml"
    broken.write_text('patterns = ["@nosuchset ... cut"]\nexamples = []\n', encoding="utf-8")
    with pytest.raises(ValueError, match="nosuchset"):
        build(load(SLUGS, tmp_path), with_model=False)
    (tmp_path / "fgm.toml").write_text('patterns = ["fgm"]\n', encoding="utf-8")
    (tmp_path / "self_harm.toml").write_text('patterns = ["x"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="self_harm"):
        load(SLUGS, tmp_path)
