"""Compiles the patterns of the data files (syntax at the top of data.py) into regular expressions.

The text is matched as its normalised words joined by single spaces, with a space at each end and "." where a
sentence ends: " he beat me . i be scared ".
Every element becomes a regular expression that starts with a space and ends before one, so elements chain by
plain concatenation and "he" never matches inside "hello". One expression per pattern, built once, filed under
the words it cannot match without (RuleIndex), so a sentence only tries the few patterns its words allow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

GAP = 4  # `...` lets this many words come between two elements
_GAP = re.compile(r"^\.\.\.(\d*)$")
_RAW_WORD = re.compile(r"[a-z0-9']+")
_END = r"(?= \.| $)"  # `$`: the end of a sentence or of the text
_PLAIN = re.compile(r"^[a-z0-9'_]+$")  # an element that is one plain word (or words joined by "_")


def _trie(choices: Iterable[tuple[str, ...]]) -> str:
    """One expression for many word sequences, sharing prefixes, so that a failing position fails at once:
    Python's re tries the branches of (?:he|her|hit|...) one by one, a trie only those that share a letter."""
    root: dict = {}
    for words in choices:
        node = root
        for char in "".join(" " + word for word in words):
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A sequence ending here is only a match when the word ends too, which the caller checks with (?= ).
        return f"(?:{body})?" if ends else body

    return "(?:" + emit(root) + ")"


PatternWord = Callable[[str], tuple[str, ...]]

# Words in nearly every sentence. A rule filed under one of them would be woken by nearly every sentence, so a
# rule is filed under its element with the fewest of these (then the fewest words).
_COMMON_WORDS = (
    "i me my you your he him his she her they them their we us our it be have do not get go the a an and "
    "to of in on at for with that this say tell when if so but all no will would can just up out one some "
    "what there make take know want like come keep because from by about time day mum dad"
)
COMMON = frozenset(_COMMON_WORDS.split())


def _commonness(words: frozenset[str]) -> tuple[int, int]:
    return len(words & COMMON), len(words)


@dataclass(frozen=True)
class Rule:
    pattern: str  # as written in the data file, to say which one matched
    expression: re.Pattern[str]
    needs: tuple[frozenset[str], ...]  # the text must hold a word of each, or the rule cannot match
    weak: bool = False  # words with everyday uses too: they count only if the model agrees (data.py)

    def possible(self, present: set[str]) -> bool:
        """Whether a text holding these words could match at all."""
        return all(not needed.isdisjoint(present) for needed in self.needs)


def vocabulary(patterns: Iterable[str]) -> set[str]:
    """The words the patterns are written with, as typed: what a typo in the text may be corrected to."""
    words: set[str] = set()
    for pattern in patterns:
        for element in pattern.lower().split():
            element = element.removeprefix("!")
            if element.startswith("@") or element.endswith("*") or _GAP.match(element):
                continue
            words.update(word.replace("'", "") for word in _RAW_WORD.findall(element))
    return words


class RuleIndex:
    """Which rules a text's words can wake. Each rule is filed under the words of its rarest element, so a
    sentence only tries the rules its words allow, not all of them; rules with no such words are always tried."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules = tuple(rules)
        index: dict[str, list[int]] = {}
        self.always = tuple(number for number, rule in enumerate(self.rules) if not rule.needs)
        for number, rule in enumerate(self.rules):
            for word in rule.needs[0] if rule.needs else ():
                index.setdefault(word, []).append(number)
        self.index = {word: tuple(numbers) for word, numbers in index.items()}

    def woken(self, present: set[str]) -> list[Rule]:
        """The rules that could match a sentence holding these words, in their order in the data."""
        numbers = set(self.always)
        for word in present:
            numbers.update(self.index.get(word, ()))
        woken = []
        for number in sorted(numbers):
            rule = self.rules[number]
            # A rule woken by a word already has its rarest element; only the others are left to check.
            for needed in rule.needs[1:] if rule.needs else ():
                if needed.isdisjoint(present):
                    break
            else:
                woken.append(rule)
        return woken


class Compiler:
    def __init__(self, sets: dict[str, tuple[str, ...]], pattern_word: PatternWord):
        self.sets = sets
        self.pattern_word = pattern_word
        self._set_cache: dict[str, str] = {}

    def _literals(self, name: str, seen: tuple[str, ...] = ()) -> list[tuple[str, ...]] | None:
        """The set's members as word sequences when every member is plain words (or such a set), else None."""
        if name not in self.sets:
            raise ValueError(f"unknown word set @{name}")
        if name in seen:
            raise ValueError(f"word set @{name} names itself")
        out: list[tuple[str, ...]] = []
        for member in self.sets[name]:
            if member.startswith("@") and " " not in member and "|" not in member:
                inner = self._literals(member[1:], seen + (name,))
                if inner is None:
                    return None
                out.extend(inner)
            elif any(not _PLAIN.match(element) for element in member.split()):
                return None
            else:
                out.append(tuple(word for element in member.split() for word in self.pattern_word(element)))
        return out

    def _set(self, name: str, seen: tuple[str, ...]) -> str:
        if name in seen:
            raise ValueError(f"word set @{name} names itself")
        if name not in self._set_cache:
            literals = self._literals(name)
            if literals is not None:
                self._set_cache[name] = _trie(literals)
            else:  # plain members share one trie; the others ("pull ... hair") are branches of their own
                plain: list[tuple[str, ...]] = []
                members: list[str] = []
                for member in self.sets[name]:
                    if all(_PLAIN.match(element) for element in member.split()):
                        plain.append(tuple(w for element in member.split() for w in self.pattern_word(element)))
                    else:
                        members.append(self.sequence(member, seen + (name,)))
                branches = ([_trie(plain)] if plain else []) + members
                self._set_cache[name] = "(?:" + "|".join(branches) + ")"
        return self._set_cache[name]

    def _element(self, element: str, seen: tuple[str, ...]) -> str:
        gap = _GAP.match(element)
        if gap:  # words between two elements, never across the end of a sentence
            return f"(?: [^ .]+){{0,{int(gap.group(1) or GAP)}}}"
        if element == "$":
            return _END
        if element.startswith("!") and len(element) > 1:  # one word that is none of these
            return f"(?!{self._element(element[1:], seen)}) [^ .]+(?= )"
        optional = element.endswith("?") and len(element) > 1
        element = element.removesuffix("?") if optional else element
        literals: list[tuple[str, ...]] = []
        choices = []
        for choice in element.split("|"):
            if choice == "$":
                choices.append(_END)
            elif choice.startswith("@"):
                choices.append(self._set(choice[1:], seen))
            elif choice.endswith("*"):
                choices.append(" " + re.escape(choice[:-1].lower().replace("'", "")) + "[^ ]*")
            else:
                words = self.pattern_word(choice)
                if not words:
                    raise ValueError(f"no word in pattern element {choice!r}")
                literals.append(words)
        if literals:
            choices.insert(0, _trie(literals))
        body = "(?:" + "|".join(choices) + ")(?= )"
        return f"(?:{body})?" if optional else body

    def sequence(self, pattern: str, seen: tuple[str, ...] = ()) -> str:
        if " & " in pattern:  # every part somewhere in the same sentence, in any order
            parts = [part.strip() for part in pattern.split(" & ")]
            return "^" + "".join(f"(?=.*?{self.sequence(part, seen)})" for part in parts)
        elements = pattern.split()
        if not elements:
            raise ValueError("empty pattern")
        return "".join(self._element(element, seen) for element in elements)

    def rules(self, patterns: Iterable[str], *, weak: bool = False) -> tuple[Rule, ...]:
        """Each pattern on its own, with the words of which a text must hold one for it to be worth trying."""
        return tuple(
            Rule(pattern, re.compile(self.sequence(pattern)), self.needs(pattern), weak) for pattern in patterns
        )

    # Words a match cannot do without. Most patterns name a rare word ("knife", "marry"); trying a pattern only
    # when the text holds a word of each of its elements keeps a long answer well under the 2 ms budget.
    def needs(self, pattern: str) -> tuple[frozenset[str], ...]:
        """For each element that must match a word: the words of which every match holds one, rarest first."""
        found = (self._element_needs(element, ()) for element in pattern.split() if element != "&")
        return tuple(sorted((words for words in found if words is not None), key=_commonness))

    def _element_needs(self, element: str, seen: tuple[str, ...]) -> frozenset[str] | None:
        if _GAP.match(element) or element in ("$", "!") or element.startswith("!") or element.endswith("?"):
            return None
        words: set[str] = set()
        for choice in element.split("|"):
            if choice.endswith("*") or choice == "$":
                return None
            if choice.startswith("@"):
                name = choice[1:]
                if name in seen:
                    return None
                for member in self.sets[name]:
                    member_words = next(
                        (w for w in (self._element_needs(e, seen + (name,)) for e in member.split()) if w is not None),
                        None,
                    )
                    if member_words is None:
                        return None
                    words |= member_words
            else:
                words.add(self.pattern_word(choice)[0])
        return frozenset(words)
