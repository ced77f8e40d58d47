"""Does this text suggest a child may be in danger, and of what kind? Then show help at once and flag it.

A complaint is not the route for a child at risk. We would rather show the help message to someone who did
not need it than miss one who did, so the matching leans towards alarm. How it reads a text:
1. normalise (normalise.py): case, apostrophes, text-speak, misspellings, letters held down, word forms, typos;
2. take out the idioms that only sound like danger (data/not-danger.toml: "the wait is killing me"), and note
   the sentences that speak of a record, a closed matter or a dispute ("the report says ... which is untrue"):
   there every pattern is weak;
3. look for each category's patterns (data/<slug>.toml): actor + harmful act + victim, intent + act,
   euphemisms, fear, with a few words allowed in between;
4. only when no pattern matched: ask the small model beside the rules (model.py), trained on the labelled
   sentences, which flags danger written in words no pattern has yet.
The data files hold their own labelled examples; tests/intake/safeguarding/ checks them and the labelled
corpus, and `python -m bench.safeguarding_eval` prints recall, false alarms and speed.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

from intake.safeguarding.data import Library, load
from intake.safeguarding.model import DOUBT_THRESHOLD, QUOTE_THRESHOLD, WEAK_THRESHOLD, Model
from intake.safeguarding.model import load as load_model
from intake.safeguarding.normalise import QUOTE_MARK, Normaliser
from intake.safeguarding.patterns import Compiler, Rule, RuleIndex, vocabulary
from models.safeguarding import CATEGORIES


class Detector:
    """The compiled data: the normaliser, the idioms to take out, and each category's rules."""

    def __init__(
        self,
        normaliser: Normaliser,
        not_danger: tuple[Rule, ...],
        categories: dict[str, tuple[Rule, ...]],
        model: Model | None = None,
        doubt: tuple[Rule, ...] = (),
    ):
        self.normaliser = normaliser
        self.model = model
        self.not_danger = RuleIndex(not_danger)
        self.doubt = RuleIndex(doubt)
        self.order = tuple(categories)
        self.slug_of = {id(rule): slug for slug, rules in categories.items() for rule in rules}  # a rule's category
        self.categories = RuleIndex(rule for rules in categories.values() for rule in rules)

    def sentences(self, text: str) -> Iterator[tuple[str, set[str]]]:
        """Each sentence's normalised words with the idioms taken out (" he hit me "), and the set of them.

        No pattern reaches across the end of a sentence, so each is tried on its own: a rule is only tried where
        one sentence holds a word of each of its elements, and on a short string."""
        for sentence in " ".join(self.normaliser.words(text)).split(" . "):
            words = f" {sentence.strip(' .')} "
            present = set(words.split())
            masked = words
            for rule in self.not_danger.woken(present):
                masked = rule.expression.sub(" ~", masked)
            if masked != words:
                words, present = masked, set(masked.split())
            yield words, present

    def sentence_words(self, text: str) -> list[str]:
        """Each sentence as the rules see it; what the model learns from and scores."""
        return [words for words, _ in self.sentences(text)]

    def prepared(self, text: str) -> str:
        """The text as the category patterns see it, sentence by sentence."""
        return " .".join(words for words, _ in self.sentences(text)) + " "

    def matches(self, text: str) -> Iterator[tuple[str, str]]:
        """(slug, pattern) for the first pattern of each category that matches `text`."""
        return self._matches(list(self.sentences(text)), self.model)

    def _matches(self, sentences: list[tuple[str, set[str]]], model: Model | None) -> Iterator[tuple[str, str]]:
        found: set[str] = set()
        for words, present in sentences:
            score: float | None = None  # how much the model leans to danger for this sentence, asked once
            doubts: list[tuple[int, int]] | None = None  # where the sentence speaks of a record, a closed matter
            quotes: list[tuple[int, int]] = []  # where it puts a few words in single quotes (normalise.py)
            for rule in self.categories.woken(present):
                slug = self.slug_of[id(rule)]
                if slug in found:
                    continue
                match = rule.expression.search(words)
                if match is None:
                    continue
                threshold = WEAK_THRESHOLD if rule.weak else None  # the model's score needed, if any
                if not rule.weak and model is not None:
                    if doubts is None:
                        doubts = [
                            span.span()
                            for doubt in self.doubt.woken(present)
                            for span in doubt.expression.finditer(words)
                        ]
                        quotes = [span.span() for span in _QUOTE.finditer(words)] if QUOTE_MARK in present else []
                    if any(_same_clause(words, match.span(), doubt) for doubt in doubts):
                        threshold = DOUBT_THRESHOLD
                    elif any(_same_clause(words, match.span(), quote) for quote in quotes):
                        threshold = QUOTE_THRESHOLD
                if threshold is not None and model is not None:
                    if score is None:
                        score = model.sentence_score(words)
                    if not score > threshold:
                        continue
                found.add(slug)
                yield slug, rule.pattern

    def find(self, text: str, *, rules_only: bool = False) -> tuple[str, ...]:
        """The categories found: by the rules; when they find none, by the model (one category) if it is sure."""
        sentences = list(self.sentences(text))
        found = {slug for slug, _ in self._matches(sentences, None if rules_only else self.model)}
        if not found and self.model is not None and not rules_only:
            guess = self.model.danger(words for words, _ in sentences)
            return (guess,) if guess else ()
        return tuple(slug for slug in self.order if slug in found)


# Words that turn a sentence from what was said or done about it to what is happening: "the section 47 was
# closed, but he is still hitting my sister". A doubt holds only within its own clause. "But that was" and "but it
# was" look back at what came before ("he was frightened, but that was two years ago"; "a fight, but it was only
# pushing"): they join the clauses rather than turn them.
_CONTRAST = re.compile(
    r" (?:(?:but|however|though|although|yet|whereas|except)(?! (?:that|it|this) be )|still|now|again) "
)


_QUOTE = re.compile(rf" {QUOTE_MARK} ")


def _same_clause(words: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether no word of contrast stands between two stretches of a sentence (spans as re gives them)."""
    (_, end), (start, _) = sorted((first, second))
    return end >= start or _CONTRAST.search(words, end, start + 1) is None


def build(library: Library, *, with_model: bool = True) -> Detector:
    entries = (*library.categories, library.not_danger)
    patterns = [pattern for entry in entries for pattern in (*entry.patterns, *entry.weak, *entry.doubt)]
    members = [member for group in library.sets.values() for member in group]
    normaliser = Normaliser(library.textspeak, library.misspellings, vocabulary([*patterns, *members]))
    if any(" & " in pattern for pattern in library.not_danger.patterns):
        # An idiom is taken out word for word; "a & b" finds words anywhere, so it has no words to take out.
        raise ValueError("not-danger.toml: '&' cannot be used in an idiom")
    compiler = Compiler(library.sets, normaliser.pattern_word)
    categories = {
        entry.slug: compiler.rules(entry.patterns) + compiler.rules(entry.weak, weak=True)
        for entry in library.categories
    }
    model = load_model() if with_model else None
    not_danger = compiler.rules(library.not_danger.patterns)
    return Detector(normaliser, not_danger, categories, model, compiler.rules(library.not_danger.doubt))


_built: list[Detector] = []  # the one detector of this process, once built
_building = threading.Lock()


def detector() -> Detector:
    """Built once per process from the data files (about a second); callers that come while it is being built
    wait for that build rather than start their own."""
    if not _built:
        with _building:
            if not _built:
                _built.append(build(load(tuple(category.slug for category in CATEGORIES))))
    return _built[0]


def warm_up() -> threading.Thread:
    """Build the detector in the background, so the first answer that needs it is not kept waiting a second.

    The app calls this at start; a request that comes before the build is done waits for it (detector())."""
    thread = threading.Thread(target=detector, name="safeguarding-warm-up", daemon=True)
    thread.start()
    return thread


def suggests_danger(text: str) -> tuple[str, ...]:
    """The categories of danger found in `text`, in CATEGORIES order; empty when none."""
    if not text or not text.strip():
        return ()
    return detector().find(text)
