"""A witness for every pattern of the safeguarding detector: a labelled sentence the detector gets wrong when that
one pattern is taken out, and which therefore proves the pattern is needed (and that a test would notice it gone).

    .venv/bin/python -m bench.safeguarding_witnesses [--all] [--write-lists] [--try CANDIDATES.csv]

For a pattern of a category file (`patterns` or `weak`), the witness is a danger sentence the rules flag and
that no other rule flags once the pattern is gone (judged by the rules alone, as `find(rules_only=True)`: the
model beside them learnt these very sentences, so it would often catch them and hide the loss; the listing also
counts the patterns witnessed even with the model). For an idiom or a doubt of not-danger.toml, it is an ordinary
sentence the whole detector leaves quiet and flags once the idiom or doubt is gone. The labelled sentences: each
data file's `examples` (danger for its category, ordinary for not-danger.toml), the tuning splits (tuning*.csv)
and tests/intake/safeguarding/witnesses.csv, sentences written to witness a pattern that had none. The held-out
splits are never used: they stay for judging.

A pattern is taken out of the compiled rules only; the normaliser's vocabulary (what typos are corrected to) is
the whole detector's. Prints the patterns with no witness (all of them with --all), per file, and the count.
--write-lists writes the two lists tests/intake/safeguarding/test_pattern_witnesses.py reads: unwitnessed.txt,
the patterns allowed to stay without a witness (it may only shrink), and witnessed.csv, each witness sentence
beside its pattern (each must stay flagged: a deleted pattern leaves its witness unflagged). --try lists what each
candidate sentence would witness, for writing witnesses.csv.
"""

from __future__ import annotations

import argparse
import copy
import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from intake.safeguarding.data import NOT_DANGER, Library, load
from intake.safeguarding.detector import Detector, detector
from intake.safeguarding.patterns import Rule, RuleIndex
from models.safeguarding import CATEGORIES

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "intake" / "safeguarding"
WITNESSES = CORPUS / "witnesses.csv"
UNWITNESSED = CORPUS / "unwitnessed.txt"
WITNESSED = CORPUS / "witnessed.csv"
ORDINARY = "ordinary"


@dataclass(frozen=True)
class Pattern:
    file: str  # the data file's slug: a category, or "not-danger"
    kind: str  # "patterns", "weak" or "doubt"
    text: str

    def __str__(self) -> str:
        return f"{self.file}.toml {self.kind}: {self.text}"


@dataclass(frozen=True)
class Sentence:
    text: str
    label: str  # a category slug or "ordinary"
    source: str  # where it was written


def library() -> Library:
    return load(tuple(category.slug for category in CATEGORIES))


def labelled_sentences(data: Library, corpus: Path = CORPUS) -> list[Sentence]:
    found = [Sentence(text, entry.slug, f"{entry.slug}.toml") for entry in data.categories for text in entry.examples]
    found += [Sentence(text, ORDINARY, f"{NOT_DANGER}.toml") for text in data.not_danger.examples]
    for path in [*sorted(corpus.glob("tuning*.csv")), corpus / WITNESSES.name]:
        if path.exists():
            found += read_sentences(path)
    return found


def compiled(full: Detector, data: Library) -> tuple[dict[Pattern, Rule], dict[Pattern, Rule], dict[Pattern, Rule]]:
    """Each pattern of the data files beside its compiled rule: category rules, idioms, doubts."""
    by_slug: dict[str, list[Rule]] = {}
    for rule in full.categories.rules:
        by_slug.setdefault(full.slug_of[id(rule)], []).append(rule)
    categories: dict[Pattern, Rule] = {}
    for entry in data.categories:
        written = [Pattern(entry.slug, "patterns", p) for p in entry.patterns]
        written += [Pattern(entry.slug, "weak", p) for p in entry.weak]
        categories.update(zip(written, by_slug.get(entry.slug, []), strict=True))
    idioms = dict(
        zip((Pattern(NOT_DANGER, "patterns", p) for p in data.not_danger.patterns), full.not_danger.rules, strict=True)
    )
    doubts = dict(zip((Pattern(NOT_DANGER, "doubt", p) for p in data.not_danger.doubt), full.doubt.rules, strict=True))
    return categories, idioms, doubts


class _Without:
    """A rule index with one rule left out: what the detector would try if that pattern were not written."""

    def __init__(self, index: RuleIndex, rule: Rule):
        self.index, self.rule = index, rule
        self.rules = tuple(kept for kept in index.rules if kept is not rule)

    def woken(self, present: set[str]) -> list[Rule]:
        return [kept for kept in self.index.woken(present) if kept is not self.rule]


def _without(full: Detector, rule: Rule) -> Detector:
    """The same detector with one rule (a category's, an idiom or a doubt) taken out."""
    less = copy.copy(full)
    less.categories = _Without(full.categories, rule)  # type: ignore[assignment]
    less.not_danger = _Without(full.not_danger, rule)  # type: ignore[assignment]
    less.doubt = _Without(full.doubt, rule)  # type: ignore[assignment]
    return less


def find_witnesses(
    full: Detector, data: Library, sentences: Iterable[Sentence], *, rules_only: bool = False
) -> dict[Pattern, Sentence | None]:
    """Every pattern of the data files and its first witness among `sentences` (None when it has none).

    `rules_only`: judge the rules without the model (idioms and doubts are always judged with it). The model
    learnt the data files' examples and the tuning splits, so it often catches them when a pattern is gone: a
    pattern witnessed only with `rules_only` is one whose loss no test on those sentences would notice."""
    categories, idioms, doubts = compiled(full, data)
    danger, ordinary = [], []
    for sentence in sentences:
        if sentence.label != ORDINARY:
            if full.find(sentence.text, rules_only=rules_only):
                # Only a sentence the detector flags can show a pattern is needed.
                danger.append((sentence, full.prepared(sentence.text)))
        elif not full.find(sentence.text):
            raw = " " + " ".join(full.normaliser.words(sentence.text)) + " "
            ordinary.append((sentence, raw, full.prepared(sentence.text)))
    witnesses: dict[Pattern, Sentence | None] = {}
    for pattern, rule in categories.items():
        near = [sentence for sentence, words in danger if rule.expression.search(words)]
        witnesses[pattern] = _first(near, full, rule, flagged_without=False, rules_only=rules_only)
    for group, where in ((idioms, 1), (doubts, 2)):
        for pattern, rule in group.items():
            near = [entry[0] for entry in ordinary if rule.expression.search(entry[where])]
            witnesses[pattern] = _first(near, full, rule, flagged_without=True)
    return witnesses


def _first(
    near: list[Sentence], full: Detector, rule: Rule, *, flagged_without: bool, rules_only: bool = False
) -> Sentence | None:
    """The first of `near` (sentences the rule matches) that the detector without the rule flags (an ordinary
    sentence) or no longer flags (a danger sentence): `flagged_without` says which is wrong."""
    if not near:
        return None
    less = _without(full, rule)
    for sentence in near:
        if bool(less.find(sentence.text, rules_only=rules_only)) == flagged_without:
            return sentence
    return None


def read_sentences(path: Path) -> list[Sentence]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [Sentence(row["text"], row["label"].strip(), path.name) for row in csv.DictReader(handle)]


def try_sentences(path: Path) -> None:
    """Which patterns each candidate sentence in `path` would witness (for writing witnesses.csv)."""
    data, full = library(), detector()
    for sentence in read_sentences(path):
        found = full.find(sentence.text)
        found_by = find_witnesses(full, data, [sentence], rules_only=True)
        witnessed = [str(pattern) for pattern, witness in found_by.items() if witness is not None]
        print(f"[{sentence.label}] {sentence.text}\n    found {found}; witnesses {witnessed or 'nothing'}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="list every pattern with its witness")
    parser.add_argument("--write-lists", action="store_true", help=f"write {UNWITNESSED.name} and {WITNESSED.name}")
    parser.add_argument("--try", dest="candidates", type=Path, help="CSV (text,label): what each would witness")
    args = parser.parse_args(argv)
    if args.candidates:
        try_sentences(args.candidates)
        return
    data = library()
    sentences = labelled_sentences(data)
    witnesses = find_witnesses(detector(), data, sentences, rules_only=True)
    whole = find_witnesses(detector(), data, sentences)
    missing = [pattern for pattern, witness in witnesses.items() if witness is None]
    for pattern, witness in witnesses.items():
        if witness is None:
            print(f"NO WITNESS  {pattern}")
        elif args.all:
            print(f"witnessed   {pattern}\n            by {witness.source}: {witness.text}")
    by_file: dict[str, list[int]] = {}
    for pattern, witness in witnesses.items():
        counts = by_file.setdefault(pattern.file, [0, 0, 0])
        counts[0] += witness is not None
        counts[1] += whole[pattern] is not None
        counts[2] += 1
    print("\nper file: witnessed (rules) / witnessed even with the model / patterns")
    for file, (rules, with_model, total) in by_file.items():
        print(f"  {file + '.toml':<22} {rules:5} / {with_model:5} / {total}")
    with_model = sum(witness is not None for witness in whole.values())
    print(
        f"{len(witnesses) - len(missing)} of {len(witnesses)} patterns have a witness ({with_model} even with the "
        f"model); {len(missing)} have none"
    )
    if args.write_lists:
        UNWITNESSED.write_text("".join(f"{pattern}\n" for pattern in missing), encoding="utf-8")
        with WITNESSED.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["pattern", "text", "label", "source"])
            for pattern, witness in witnesses.items():
                if witness is not None:
                    writer.writerow([str(pattern), witness.text, witness.label, witness.source])
        print(f"wrote {UNWITNESSED.name} and {WITNESSED.name} in {CORPUS}")


if __name__ == "__main__":
    main()
