"""Loads the detector's data: what each kind of danger looks like in words, and what only sounds like it.

Every file in intake/safeguarding/data/ is TOML (read with the standard library's tomllib):

- `<slug>.toml`, one per category in categories.py (the file name is the slug):
      patterns = ["@actor ... @hit @victim", "county lines", ...]
      weak = ["scared|frightened|terrified", ...]   # optional: see below
      examples = ["he battered my mum", ...]   # labelled sentences that must be found with this slug
  `weak` patterns are words with everyday uses too ("scared of the dentist", "starving after the meeting",
  "a threatening letter"): they count only where the model (model.py) also leans towards danger for that
  sentence, or always when there is no model.
- `not-danger.toml`: idioms and adult turns of phrase that only sound like danger ("the wait is killing me").
  Same two keys: the words a pattern matches are taken out of the text before the categories are looked for,
  so "an abuse of power" is quiet but "an abuse of power, and he hit me" is not. Its examples must not be
  flagged. A third key, `doubt`: patterns that mark a sentence as about what a record says, a matter closed or
  disputed, or words said in play ("the report says he was aggressive, which is untrue", "the section 47 was
  closed", "it's just gaming talk"); in such a sentence every category's pattern counts as a weak one.
- `words.toml`: `[sets]`, named lists of words or phrases (`actor = ["he", "she", "mum's boyfriend"]`) that a
  pattern names as `@actor`. A member is itself a pattern, so a set may name another set ("my @family").
- `spelling.toml`: `[textspeak]` and `[misspellings]`, word -> what it stands for ("ur" = "your",
  "threatend" = "threatened"), applied before anything else. Keys are written without apostrophes, except
  where the form without one is another word ("he'll" = "he will", but "hell" stays "hell").

A pattern is a line of elements separated by spaces, matched against the words of the text in order, after
both have been normalised the same way (intake/safeguarding/normalise.py: "beaten" and "beating" are "beat"):
- `word`: that word in any of its forms; `word|other|third`: any of them; `meet_up|pick_me_up`: an
  underscore joins the words of one choice;
- `@set`: any member of a set from words.toml;
- `bull*`: any word starting with "bull" (taken as written, not normalised);
- `...` up to 4 other words in between, `...N` up to N (never across the end of a sentence);
- `$`: the end of a sentence or of the text ("i do not want to live $");
- an element ending in `?` may be absent ("i am? scared");
- `!@set` or `!word|word`: one word that is none of these ("scared the !@someone will": the file, not the man);
- `part & part & part`: each part somewhere in the same sentence, in any order ("hotel|hotels & men|paid");
  not in not-danger.toml, whose patterns name the words to take out.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
NOT_DANGER = "not-danger"


@dataclass(frozen=True)
class Entry:
    """One data file: its patterns and the labelled sentences it is checked on."""

    slug: str
    patterns: tuple[str, ...]
    examples: tuple[str, ...]
    weak: tuple[str, ...] = ()
    doubt: tuple[str, ...] = ()  # not-danger.toml only


@dataclass(frozen=True)
class Library:
    categories: tuple[Entry, ...]  # one per category file, in the order the slugs are given
    not_danger: Entry
    sets: dict[str, tuple[str, ...]]
    textspeak: dict[str, str]
    misspellings: dict[str, str]


def _read(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _entry(slug: str, path: Path) -> Entry:
    raw = _read(path)
    unknown = set(raw) - {"patterns", "examples", "weak"} - ({"doubt"} if slug == NOT_DANGER else set())
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
    return Entry(
        slug,
        tuple(raw.get("patterns", ())),
        tuple(raw.get("examples", ())),
        tuple(raw.get("weak", ())),
        tuple(raw.get("doubt", ())),
    )


def load(slugs: tuple[str, ...], folder: Path = DATA) -> Library:
    """The data for `slugs` (each must have its file); a missing or misspelt file is an error, not a silence."""
    files = {path.stem for path in folder.glob("*.toml")}
    stray = files - set(slugs) - {NOT_DANGER, "words", "spelling"}
    if stray:
        raise ValueError(f"data files for no known category: {sorted(stray)}")
    words = _read(folder / "words.toml")
    spelling = _read(folder / "spelling.toml")
    return Library(
        categories=tuple(_entry(slug, folder / f"{slug}.toml") for slug in slugs),
        not_danger=_entry(NOT_DANGER, folder / f"{NOT_DANGER}.toml"),
        sets={name: tuple(members) for name, members in words.get("sets", {}).items()},
        textspeak=dict(spelling.get("textspeak", {})),
        misspellings=dict(spelling.get("misspellings", {})),
    )
