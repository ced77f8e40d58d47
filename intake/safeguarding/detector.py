"""Does this text suggest a child may be in danger, and of what kind? Then show help at once and flag it.

A complaint is not the route for a child at risk. We would rather show the help message to someone who did
not need it than miss one who did, so the matching leans towards alarm. How it reads a text:
1. normalise (normalise.py): case, apostrophes, text-speak, misspellings, letters held down, word forms, typos;
2. take out the idioms that only sound like danger (data/not-danger.toml: "the wait is killing me");
3. look for each category's patterns (data/<slug>.toml): actor + harmful act + victim, intent + act,
   euphemisms, fear, with a few words allowed in between.
The data files hold their own labelled examples; tests/intake/safeguarding/ checks them and the labelled
corpus, and `python -m bench.safeguarding_eval` prints recall, false alarms and speed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from re import Pattern

from intake.safeguarding.categories import CATEGORIES
from intake.safeguarding.data import Library, load
from intake.safeguarding.normalise import Normaliser
from intake.safeguarding.patterns import Compiler, Rule, vocabulary

SAFETY_MESSAGE = (
    "If you are in danger right now, call 999. "
    "You can talk to Childline any time, free, on 0800 1111. "
    "We will still read your complaint."
)


@dataclass(frozen=True)
class Detector:
    normaliser: Normaliser
    not_danger: Pattern[str]
    categories: tuple[tuple[str, tuple[Rule, ...]], ...]  # (slug, its rules), in CATEGORIES order

    def prepared(self, text: str) -> str:
        """The normalised words of `text` with the idioms taken out, as the category patterns see them."""
        words = " " + " ".join(self.normaliser.words(text)) + " "
        return self.not_danger.sub(" ~", words)

    def matches(self, text: str) -> Iterator[tuple[str, str]]:
        """(slug, pattern) for the first pattern of each category that matches `text`."""
        words = self.prepared(text)
        present = set(words.split())
        for slug, rules in self.categories:
            for rule in rules:
                if rule.search(words, present):
                    yield slug, rule.pattern
                    break

    def find(self, text: str) -> tuple[str, ...]:
        return tuple(slug for slug, _ in self.matches(text))


def build(library: Library) -> Detector:
    entries = (*library.categories, library.not_danger)
    patterns = [pattern for entry in entries for pattern in entry.patterns]
    members = [member for group in library.sets.values() for member in group]
    normaliser = Normaliser(library.textspeak, library.misspellings, vocabulary([*patterns, *members]))
    compiler = Compiler(library.sets, normaliser.pattern_word)
    return Detector(
        normaliser=normaliser,
        not_danger=compiler.compile(library.not_danger.patterns),
        categories=tuple((entry.slug, compiler.rules(entry.patterns)) for entry in library.categories),
    )


@lru_cache(maxsize=1)
def detector() -> Detector:
    """Built once per process from the data files (about a tenth of a second)."""
    return build(load(tuple(category.slug for category in CATEGORIES)))


def suggests_danger(text: str) -> tuple[str, ...]:
    """The categories of danger found in `text`, in CATEGORIES order; empty when none."""
    if not text or not text.strip():
        return ()
    return detector().find(text)


def safety_reply() -> dict[str, str]:
    """What a conversation reply carries when the answer suggests danger."""
    return {"message": SAFETY_MESSAGE}
