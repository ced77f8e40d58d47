"""Turns what someone typed into the plain words the patterns are written in.

"Hes ALWAYS beatin me n my bro cos im sooooo bad" becomes
"he be always beat i and my brother because i be so bad": lower case, no apostrophes, text-speak and common
misspellings spelt out (data/spelling.toml), letters held down ("sooooo") let go, and each word reduced to its
dictionary form by simplemma, which ships its own English data (nothing is downloaded). A word that is in no
dictionary and is close to a word the patterns use ("punshed", "threatend") is read as that word (rapidfuzz);
short words must be spelt right, or "hit" would be found in "this".
The patterns are normalised by the same code, so a pattern written "beaten" finds "beats", "beating", "beat".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import simplemma
from rapidfuzz import fuzz, process

_WORD = re.compile(r"[a-z0-9]+")
# a word (he'll, mum's), the end of a sentence, or where a short quote began (see _QUOTED)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.!?;:\n]+|\x01")
SENTENCE_END = "."
_APOSTROPHES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": "", "\u00b4": ""})
_ONE_APOSTROPHE = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_HELD = re.compile(r"(.)\1{2,}")  # a letter three times or more
# A short stretch in single quotes: no letter just outside the quotes, so "don't" and "mum's" are not quotes.
_SCARE_QUOTE = re.compile(r"(?<![a-z0-9'])'([a-z0-9][a-z0-9 ,-]{0,40}?)'(?![a-z0-9])")
QUOTE_MARK = "quote"
_QUOTED = "\x01"  # stands where a short quote began, until words() puts QUOTE_MARK at its sentence's start
QUOTED_WORDS = 4  # a quote of more words is someone's speech, told (a threat, a name called), not a label


def _mark_quote(match: re.Match[str]) -> str:
    inner = match.group(1)
    return f" {_QUOTED} {inner} " if len(inner.split()) <= QUOTED_WORDS else match.group(0)


_DOUBLE = re.compile(r"(.)\1+")

# Who did what to whom matters ("he hit me" is not "i hit him"), so these keep their own form; simplemma would
# make "me" "I" and "him" "he". "missing" (a child gone) is not "miss" (a bus, a meeting); "parenting" (how one
# brings up a child: "she attacked my parenting") is not "parent" ("he attacked my parents").
_AS_WRITTEN_WORDS = (
    "i me my mine myself you your yours yourself he him his himself she her hers herself it its we us our "
    "ours ourselves they them their theirs themselves missing parenting"
)
_AS_WRITTEN = frozenset(_AS_WRITTEN_WORDS.split())
# Words ending in "ing" that are not a verb's -ing form, so "nothing" is not read as "noth".
_NOT_ING_WORDS = (
    "nothing something anything everything thing sing king ring bring spring string wing during morning "
    "evening ceiling building sibling darling pudding wedding meeting ending feeling missing"
)
_NOT_ING = frozenset(_NOT_ING_WORDS.split())
FUZZY_FROM = 5  # words at least this long may be a typo of a pattern's word
FUZZY_SCORE = 85  # fuzz.ratio: "punshed" ~ "punched" (86), "threatend" ~ "threatened" (95)


def _lemma(word: str) -> str:
    if word in _AS_WRITTEN or word.isdigit():
        return word
    lemma = simplemma.lemmatize(word, lang="en")
    if lemma == word and word.endswith("ing") and len(word) > 5 and word not in _NOT_ING:
        # simplemma reads some -ing forms as nouns ("beating", "cutting"); the verb is what we look for.
        stem = word[:-3]
        for candidate in (stem, stem[:-1] if stem[-1:] == stem[-2:-1] else "", stem + "e"):
            if candidate and simplemma.is_known(candidate, lang="en"):
                return simplemma.lemmatize(candidate, lang="en")
    return lemma.lower()


class Normaliser:
    """Normalises text with the spelling data and, for typos, the vocabulary of the patterns."""

    def __init__(self, textspeak: dict[str, str], misspellings: dict[str, str], vocabulary: Iterable[str] = ()):
        self.replacements = {**textspeak, **misspellings}
        self.vocabulary = sorted({word for word in vocabulary if len(word) >= FUZZY_FROM})
        self._known_words = frozenset(self.vocabulary) | frozenset(self.replacements)
        self.word = lru_cache(maxsize=50_000)(self._word)
        # The patterns repeat their words thousands of times (sets are spelt out in many patterns).
        self.pattern_word = lru_cache(maxsize=None)(self._pattern_word)

    def words(self, text: str) -> list[str]:
        """The normalised words of `text`, in order, with "." where a sentence ends.

        A few words in single quotes are marked with the word "quote" before them: in a complaint they are most
        often someone else's label being disputed ("the worker called me 'aggressive'", "'known to police'");
        the detector asks the model about a pattern found beside that mark (QUOTE_THRESHOLD in model.py)."""
        out: list[str] = []
        start = 0  # where the sentence being read begins in `out`
        lowered = _SCARE_QUOTE.sub(_mark_quote, text.lower().translate(_ONE_APOSTROPHE))
        for raw in _TOKEN.findall(lowered):
            if raw == _QUOTED:
                # The mark goes at the start of the sentence, not inside it, so no pattern's words are parted
                # by it ("get her daughter 'done'"); the detector reads it as a doubt up to the next "but".
                if out[start : start + 1] != [QUOTE_MARK]:
                    out.insert(start, QUOTE_MARK)
            elif raw[0].isalnum():
                out.extend(self.word(raw if raw in self.replacements else raw.replace("'", "")))
            elif out and out[-1] != SENTENCE_END:
                out.append(SENTENCE_END)
                start = len(out)
        return out

    def _pattern_word(self, raw: str) -> tuple[str, ...]:
        """A word written in a pattern: spelt out and reduced to its dictionary form, never corrected."""
        out: list[str] = []
        for part in _WORD.findall(raw.lower().translate(_APOSTROPHES)):
            out.extend(_lemma(word) for word in self.replacements.get(part, part).split())
        return tuple(out)

    def _known(self, word: str) -> bool:
        return word in self._known_words or simplemma.is_known(word, lang="en")

    def _word(self, raw: str) -> tuple[str, ...]:
        word = raw
        if _HELD.search(word):
            word = _HELD.sub(r"\1\1", word)  # "sooooo" -> "soo"; "killll" -> "kill"
            if not self._known(word):
                single = _DOUBLE.sub(r"\1", word)  # "soo" -> "so", "hiit" -> "hit"
                if self._known(single):
                    word = single
        if word in self.replacements:
            return tuple(_lemma(part) for part in self.replacements[word].split())
        if len(word) >= FUZZY_FROM and not word.isdigit() and not self._known(word):
            close = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE)
            if close:
                word = close[0]
        return (_lemma(word),)
