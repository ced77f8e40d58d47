"""Free text to a team by fuzzy matching; anything unclear goes to triage, never a guess.

How a text is routed:
1. `tokens()` normalises it: case, accents, apostrophes, "&"/"and", number words ("two" -> "2"), "lac2" -> "lac 2",
   and drops filler words ("my", "the", "team", "service" ...) that every alias shares.
2. Each word is mapped to a word of the directory's vocabulary: exactly, by a plural "s", by rapidfuzz
   `fuzz.ratio` for typos ("adopton" -> "adoption"), or as a prefix ("perm" -> "permanence").
3. Every alias holding a mapped word is scored by what its kind needs: names (official, former, report labels)
   by how much of the alias the text covers, each word weighted by how few teams use it; abbreviations and
   first names only exactly and whole; keywords and full worker names whole but typo-tolerant. Short label-like
   texts are also compared whole with `process.extract` (`fuzz.ratio`), which catches "leavingcare".
   Numbers are distinguishing: an alias whose number the text contradicts scores nothing ("Permanence 1" is
   not "Permanence 2", though plain fuzzy ratios rate them ~95 % alike).
   Half a worker's name beside another name ("Jess Moore" for Jess Morgan, "Sarah Morgan") is someone else or
   someone we do not know: it scores NEAR_MISS_SCORE, enough to offer the team in triage, never to auto-route.
4. Per team: the best alias, plus a little for each further alias that agrees. A team whose evidence is only
   part of the leader's (the "looked after children" inside "Looked after children and adoption") is
   discounted.
5. `auto` needs a high score, a clear margin over the next team, and at least one word of evidence that no
   rival shares: "looked after children" alone names two teams, so it goes to triage with both as candidates.
   Text that matches no team but names something the council handles elsewhere (bins, housing repairs)
   goes to triage with no candidate and an `off_topic` hint the intake turns into "where to complain".
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlmodel import Session, select

from models.db import built_once_per_database
from models.teams import Team, TeamAlias, Worker, directory_version

# Thresholds, chosen from the curve `python -m bench.routing_eval` prints over the labelled set in
# tests/intake/routing_cases.csv. Below score 80 single common words that happen to be most of a team's name
# ("protection", "we need help" -> 76) auto-route wrongly; below margin 10 texts naming two teams' workers do.
# Above score 90 typo'd keywords and first names (85-92) stop auto-routing, and above margin 25 so do texts whose
# second team is a shared "LAC". We sit in the middle of that safe plateau, not at its edge, so that a new
# phrasing near a boundary still fails safe, into triage.
AUTO_MIN_SCORE = 85.0  # the best team must score at least this ...
AUTO_MIN_MARGIN = 20.0  # ... and be this far ahead of the next team
RIVAL_MIN_SCORE = 50.0  # a team this close to the text is a rival: the winner needs a word it lacks
CANDIDATE_MIN_SCORE = 40.0  # below this a team is not offered to triage staff as a candidate

# What an alias of each kind is worth when the text holds all of it.
KIND_WEIGHT = {
    "official": 100.0,
    "former": 100.0,
    "variant": 100.0,
    "worker": 100.0,  # a worker's full name
    "abbreviation": 95.0,
    "keyword": 95.0,
    "worker_first": 92.0,
    "worker_last": 92.0,
}
NAME_KINDS = frozenset({"official", "former", "variant"})  # partial matches count, for triage candidates
EXACT_KINDS = frozenset({"abbreviation", "worker_first"})  # "pa", "ben": a typo of these is another word
STRONG_HIT = 80.0  # an alias found (nearly) whole, not just a word of it
CORROBORATION_BONUS = 3.0  # per further alias of the same team found elsewhere in the text
SUBSUMED_FACTOR = 0.7  # a team whose evidence is a strict part of the leader's
SCATTER_FACTOR = 0.6  # an alias whose words are spread through the text rather than together
WHOLE_TEXT_MIN = 88.0  # `fuzz.ratio` of a short text against a whole name, for run-together or garbled labels
WHOLE_TEXT_MAX_TOKENS = 8

# A worker's first name next to another surname ("Jess Moore" when the directory has Jess Morgan), or their surname
# next to another first name: someone else, or a name we do not know. The team stays a candidate for triage at
# this score, below AUTO_MIN_SCORE, so such a text never routes on its own.
NEAR_MISS_SCORE = 60.0
SAME_NAME_LIKENESS = 75.0  # `fuzz.ratio` of a written name to the directory's from which it is a typo, not another
OTHER_NAME_LIKENESS = 50.0  # ... and from which a lower-case word is a different but similar name ("moore")
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})  # "Mrs Begum": a title, not another first name

# First names and surnames that are also everyday words: a worker so named is found by the full name only.
NAMES_THAT_ARE_WORDS = frozenset(
    {"will", "may", "hope", "grace", "joy", "faith", "rose", "mark", "bill", "pat", "sue", "april", "june", "dawn"}
    | {"eve", "ray", "guy", "jack", "frank", "rob", "grant", "ward", "price", "page", "king", "hall", "wood", "cook"}
    | {"long", "little", "young", "white", "brown", "green", "black", "rich", "bell", "lamb", "moss", "lane", "hill"}
    | {"field", "fish", "wise", "best", "sharp", "stone", "wall", "west", "north", "south", "cross", "banks", "marsh"}
    | {"care", "help", "child", "family", "support", "early", "plan", "hart", "gill", "carter", "mason", "baker"}
)
# Words every alias and every complaint share, so they tell no team apart.
_PRONOUNS = {"a", "an", "the", "my", "our", "your", "his", "her", "their", "me", "i"}
_LINKS = {"of", "for", "to", "and", "in", "on", "with", "at", "by", "from", "is", "was", "s"}
_ORGANISATION = {"team", "teams", "service", "services", "dept", "department", "statutory", "council"}
_FILLER = frozenset(_PRONOUNS | _LINKS | _ORGANISATION | {"previously", "formerly"})
# Spellings that mean the same word; misspellings of the keys are caught by the fuzzy step.
_SYNONYMS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "ii": "2",
    "iii": "3",
    "eighteen": "18",
    "children": "child",
    "childrens": "child",
    "kids": "child",
    "kid": "child",
    "advisor": "adviser",
    "advisors": "adviser",
}
_NUMBER_WORDS = frozenset({"one", "two", "three"})
_NOT_A_NUMBER_AFTER = frozenset({"no", "any", "some", "every", "each", "the", "that", "this", "which", "only"})
_CASED_WORD = re.compile(r"[A-Za-z]+|[0-9]+")

# Complaints about other council services: topic -> (where they go, words that name it, ";"-separated).
# The intake shows the first part to the person; staff never get these in the children's triage queue as a team.
OFF_TOPICS: dict[str, tuple[str, str]] = {
    "housing": (
        "Housing repairs and council homes are dealt with by the council's housing team.",
        "housing; housing repair; repair; repairs; damp; mould; mold; boiler; leak; landlord; rent; rent arrears",
    ),
    "waste": (
        "Bins, recycling and rubbish are dealt with by the council's waste team.",
        "bin; bins; wheelie bin; recycling; rubbish; fly tipping; litter; waste collection",
    ),
    "council-tax": (
        "Council tax and benefits are dealt with by the council's revenues and benefits team.",
        "council tax; housing benefit; benefits; universal credit; business rates",
    ),
    "parking": (
        "Parking, parking tickets and roads are dealt with by the council's highways team.",
        "parking; parking ticket; pcn; penalty charge; pothole; potholes; street light; pavement",
    ),
    "adult-social-care": (
        "Care for adults, such as care homes and home care, is dealt with by the council's adult social care team.",
        "care home; nursing home; home care; adult social care; dementia",
    ),
    "schools": (
        "School places, admissions and school transport are dealt with by the council's education team.",
        "school place; school places; school admission; school admissions; admissions; school bus; school transport",
    ),
    "noise": (
        "Noise and neighbour nuisance are dealt with by the council's environmental health team.",
        "noise; noisy neighbour; noisy neighbours; antisocial; anti social",
    ),
    "planning": (
        "Planning and building control are dealt with by the council's planning team.",
        "planning permission; planning application; building control",
    ),
}


# How a word was written: in lower case, with a capital as a sentence's first word, or with a capital inside one.
LOWER, SENTENCE_CAPITAL, CAPITAL = 0, 1, 2


def _ascii_words(text: str) -> list[tuple[str, int]]:
    """The words of `text` in lower case, accents folded, each with how it was written (LOWER, CAPITAL ...)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    # "children's" is one word; "&" and "and" are the same filler; "18+" is "18 plus".
    folded = folded.replace("'", "").replace("&", " and ").replace("+", " plus ")
    words: list[tuple[str, int]] = []
    end = 0
    for match in _CASED_WORD.finditer(folded):
        gap = folded[end : match.start()]  # what lies between this word and the one before
        starts_sentence = not words or "." in gap or "!" in gap or "?" in gap or "\n" in gap
        case = LOWER if not match.group()[:1].isupper() else SENTENCE_CAPITAL if starts_sentence else CAPITAL
        words.append((match.group().lower(), case))
        end = match.end()
    return words


def _tokens_with_case(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """`tokens(text)`, and how each was written (LOWER, SENTENCE_CAPITAL or CAPITAL)."""
    written = _ascii_words(text or "")
    words = [word for word, _capital in written]
    found, capitals = [], []
    for index, word in enumerate(words):
        if word in _NUMBER_WORDS and index and words[index - 1] in _NOT_A_NUMBER_AFTER:
            continue  # "no one", "the two of them": not Permanence 1 or 2
        word = _SYNONYMS.get(word, word)
        if word not in _FILLER:
            found.append(word)
            capitals.append(written[index][1])
    return tuple(found), tuple(capitals)


def tokens(text: str) -> tuple[str, ...]:
    """The words of `text` that can tell teams apart, in order."""
    return _tokens_with_case(text)[0]


def normalise(text: str) -> str:
    return " ".join(tokens(text))


@dataclass(frozen=True)
class Candidate:
    team: str
    name: str
    score: float


@dataclass(frozen=True)
class OffTopic:
    topic: str
    advice: str


@dataclass(frozen=True)
class RouteResult:
    text: str
    decision: str  # "auto" or "triage"
    team: str | None
    team_name: str | None
    confidence: float
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    off_topic: OffTopic | None = None  # set only when no team matched and the text is about another service
    reason: str = ""  # for staff and logs: why it was or was not routed automatically

    def as_dict(self) -> dict[str, object]:
        """The docs/contracts.md shape ("Routing"), plus `off_topic` ({"topic", "advice"} or null)."""
        return {
            "text": self.text,
            "decision": self.decision,
            "team": self.team,
            "team_name": self.team_name,
            "confidence": round(self.confidence, 1),
            "candidates": [{"team": c.team, "name": c.name, "score": round(c.score, 1)} for c in self.candidates],
            "off_topic": {"topic": self.off_topic.topic, "advice": self.off_topic.advice} if self.off_topic else None,
        }


@dataclass(frozen=True)
class _Alias:
    slug: str
    kind: str
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    digits: frozenset[str]
    label: str  # the normalised text, for whole-text comparison


@dataclass
class TeamScore:
    slug: str
    score: float
    support: frozenset[int]  # positions of the text's words that point at this team
    kinds: frozenset[str]  # kinds of alias found (nearly) whole, e.g. only keywords


@dataclass(frozen=True)
class Ranking:
    """Teams ordered by score, before thresholds are applied (the evaluation sweeps thresholds over these)."""

    teams: tuple[TeamScore, ...]
    distinguished: bool  # the leader holds a word no rival holds
    off_topic: OffTopic | None  # the text mentions another council service (bins, housing repairs ...)
    near_miss: frozenset[str] = frozenset()  # teams found by half a worker's name beside another name


def _expand(kind: str, text: str) -> list[tuple[str, str]]:
    """Split "Name (previously Old name)" and "Name (ABBR)" into the aliases people actually write."""
    found = [(kind, text)]
    match = re.fullmatch(r"\s*(?P<base>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*(?P<rest>.*)", text)
    if match and kind in NAME_KINDS:
        found.append((kind, f"{match['base']} {match['rest']}"))
        inner = match["inner"].strip()
        if re.match(r"(previously|formerly|was)\b", inner, re.IGNORECASE):
            found.append(("former", inner))
        elif re.fullmatch(r"[A-Z0-9]{2,6}", inner):
            found.append(("abbreviation", inner))
        else:
            found.append((kind, inner))
    return found


class Router:
    def __init__(self, teams: dict[str, str], aliases: list[tuple[str, str, str]]):
        """`teams` maps slug to name; `aliases` is (slug, kind, text), official names and workers included.

        Worker aliases are full names; the router adds the first and last names on their own.
        """
        self.team_names = dict(teams)
        raw: dict[tuple[str, str, tuple[str, ...]], None] = {}
        # (team, "worker_first", first name) -> that team's workers' surnames with it; the same for surnames.
        self._other_half: dict[tuple[str, str, str], set[str]] = {}
        for slug, kind, text in aliases:
            if slug not in self.team_names:
                continue
            for alias_kind, alias_text in _expand(kind, text):
                words = tokens(alias_text)
                if not words:
                    continue
                raw[(slug, alias_kind, words)] = None
                if alias_kind == "worker" and len(words) >= 2:
                    self._other_half.setdefault((slug, "worker_first", words[0]), set()).add(words[-1])
                    self._other_half.setdefault((slug, "worker_last", words[-1]), set()).add(words[0])
                    # "Priya" or "Mrs Shah" alone, unless the name is also an everyday word ("a grant", "a ward").
                    if words[0] not in NAMES_THAT_ARE_WORDS:
                        raw[(slug, "worker_first", words[:1])] = None
                    if words[-1] not in NAMES_THAT_ARE_WORDS:
                        raw[(slug, "worker_last", words[-1:])] = None
        teams_using: dict[str, set[str]] = {}
        for slug, _kind, words in raw:
            for word in words:
                teams_using.setdefault(word, set()).add(slug)
        n_teams = max(len(self.team_names), 1)
        # Rarer words say more: a word used by one team outweighs one that every LAC team uses.
        weight = {word: 1.0 + math.log(n_teams / len(slugs)) for word, slugs in teams_using.items()}
        # Which teams each number names ("1" -> Permanence 1): a text naming two of them is not clear.
        self._numbered = {word: frozenset(slugs) for word, slugs in teams_using.items() if word.isdigit()}
        self._aliases = [
            _Alias(slug, kind, words, tuple(weight[w] for w in words), _digits(words), " ".join(words))
            for slug, kind, words in raw
        ]
        self._by_word: dict[str, list[int]] = {}
        for index, alias in enumerate(self._aliases):
            for word in set(alias.tokens):
                self._by_word.setdefault(word, []).append(index)
        self._vocab = frozenset(self._by_word)
        self._sorted_vocab = sorted(self._vocab)
        # Fuzzy targets: the vocabulary plus other spellings of its words ("children" -> "child").
        self._surface = {word: word for word in self._vocab if len(word) >= 4 and not word.isdigit()}
        self._surface.update({k: v for k, v in _SYNONYMS.items() if v in self._vocab and len(k) >= 4})
        self._surface_list = list(self._surface)
        self._name_indexes = [i for i, a in enumerate(self._aliases) if a.kind in NAME_KINDS]
        self._name_labels = [self._aliases[i].label for i in self._name_indexes]
        self._first_names = frozenset(name for (_slug, kind, name) in self._other_half if kind == "worker_first")
        self._last_names = frozenset(name for (_slug, kind, name) in self._other_half if kind == "worker_last")
        self._word_cache: dict[str, tuple[str, float] | None] = {}
        self._result_cache: dict[str, RouteResult] = {}

    @property
    def alias_labels(self) -> list[str]:
        """Every alias, normalised: what a plain fuzzy matcher would compare against."""
        return [alias.label for alias in self._aliases]

    @classmethod
    def from_session(cls, session: Session) -> Router:
        teams = {team.id: team for team in session.exec(select(Team).where(Team.active))}
        names = {team.slug: team.name for team in teams.values()}
        aliases = [(team.slug, "official", team.name) for team in teams.values()]
        # Managers are named in complaints as often as workers.
        aliases += [(team.slug, "worker", team.manager_name) for team in teams.values() if team.manager_name]
        for alias in session.exec(select(TeamAlias)):
            if alias.team_id in teams:
                aliases.append((teams[alias.team_id].slug, alias.kind, alias.text))
        for worker in session.exec(select(Worker).where(Worker.active)):
            if worker.team_id in teams:
                aliases.append((teams[worker.team_id].slug, "worker", worker.name))
        return cls(names, aliases)

    # -- word matching -------------------------------------------------------------------------------------

    def _map_word(self, word: str) -> tuple[str, float] | None:
        """The vocabulary word `word` stands for, and how alike they are (100 = the same)."""
        if word in self._vocab:
            return word, 100.0
        if word in self._word_cache:
            return self._word_cache[word]
        found = self._lookup(word)
        if len(self._word_cache) > 50_000:  # free text is unbounded; the vocabulary of typos is not
            self._word_cache.clear()
        self._word_cache[word] = found
        return found

    def _lookup(self, word: str) -> tuple[str, float] | None:
        if word.isdigit():
            return None
        if len(word) >= 4 and word.endswith("s") and word[:-1] in self._vocab:
            return word[:-1], 100.0  # plurals and possessives: "priyas", "breaks"
        if len(word) < 5:
            return self._prefix(word) if len(word) == 4 else None
        # Longer words can carry more typos for the same likeness.
        cutoff = 80.0 if len(word) >= 8 else 85.0
        best = process.extractOne(word, self._surface_list, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is not None:
            return self._surface[best[0]], float(best[1])
        return self._prefix(word)

    def _prefix(self, word: str) -> tuple[str, float] | None:
        # "perm" for "permanence", "adopt" for "adoption": a clipped word, not a different one.
        at = bisect.bisect_left(self._sorted_vocab, word)
        if at < len(self._sorted_vocab):
            longer = self._sorted_vocab[at]
            if longer.startswith(word) and len(longer) >= len(word) + 3:
                return longer, 85.0
        return None

    # -- scoring -------------------------------------------------------------------------------------------

    def _score_alias(
        self, alias: _Alias, where: dict[str, list[tuple[int, float]]], digits: frozenset[str]
    ) -> tuple[float, frozenset[int]]:
        if alias.digits and digits and not alias.digits & digits:
            return 0.0, frozenset()  # "permanence 2" contradicts "permanence 1"
        got = total = 0.0
        positions: list[int] = []
        whole = alias.kind not in NAME_KINDS
        matched: list[int] = []
        for index, (word, weight) in enumerate(zip(alias.tokens, alias.weights, strict=True)):
            total += weight
            hits = where.get(word)
            if hits:
                # The best-matching occurrence; among equals, the one nearest the words already matched.
                anchor = positions[-1] + 1 if positions else 0
                position, likeness = min(hits, key=lambda hit: (-hit[1], abs(hit[0] - anchor)))
                if alias.kind in EXACT_KINDS and likeness < 100.0:
                    hits = None
                else:
                    got += weight * likeness / 100.0
                    positions.append(position)
                    matched.append(index)
            if not hits and whole:
                return 0.0, frozenset()
        if not positions or all(alias.tokens[i].isdigit() for i in matched):
            return 0.0, frozenset()  # "2 weeks" alone is no evidence for "Permanence 2"
        score = KIND_WEIGHT[alias.kind] * got / total
        if max(positions) - min(positions) > len(alias.tokens):
            score *= SCATTER_FACTOR
        return score, frozenset(positions)

    def _beside_another_name(
        self, alias: _Alias, positions: frozenset[int], words: tuple[str, ...], capitals: tuple[int, ...]
    ) -> bool:
        """Whether half a worker's name found in the text stands beside a name that is not the other half:
        "Jess Moore" (or "jess okafor") for Jess Morgan, "Sarah Whitaker" for Sam Whitaker. A typo of the other
        half ("Sam Whittaker", "Priya Sha") is the same person; a title ("Mrs Begum") or a word of a team's name
        is no name."""
        if len(positions) != 1:
            return False
        first = alias.kind == "worker_first"
        at = min(positions) + (1 if first else -1)
        if not 0 <= at < len(words) or words[at].isdigit() or words[at] in TITLES:
            return False
        word = words[at]
        halves = self._other_half.get((alias.slug, alias.kind, alias.tokens[0]), set())
        if any(_same_name(word, half) for half in halves):
            return False
        mapped = self._map_word(word)
        if mapped is not None:  # a word of the directory: another worker's name, or a team's word (no name)
            return mapped[0] in (self._last_names if first else self._first_names)
        # A capital inside a sentence is a name. So is one starting it just before a surname ("Sarah Morgan never
        # ..."), but not one after a first name and a full stop ("I rang Jess. Nobody came").
        if capitals[at] == CAPITAL or (capitals[at] == SENTENCE_CAPITAL and not first):
            return True
        return any(fuzz.ratio(word, half) >= OTHER_NAME_LIKENESS for half in halves)

    def rank(self, text: str) -> Ranking:
        words, capitals = _tokens_with_case(text)
        where: dict[str, list[tuple[int, float]]] = {}
        unmapped = 0
        for position, word in enumerate(words):
            mapped = self._map_word(word)
            if mapped is None:
                unmapped += 1
                continue
            where.setdefault(mapped[0], []).append((position, mapped[1]))
        digits = frozenset(word for word in words if word.isdigit())
        hits: dict[str, list[tuple[float, frozenset[int], str]]] = {}
        # Only aliases sharing a word with the text can match it: an inverted index keeps routing fast.
        to_score = {index for word in where for index in self._by_word[word]}
        near_miss: set[str] = set()
        for index in to_score:
            alias = self._aliases[index]
            score, positions = self._score_alias(alias, where, digits)
            half_a_name = score > NEAR_MISS_SCORE and alias.kind in ("worker_first", "worker_last")
            if half_a_name and self._beside_another_name(alias, positions, words, capitals):
                score = NEAR_MISS_SCORE
                near_miss.add(alias.slug)
            if score > 0:
                hits.setdefault(alias.slug, []).append((score, positions, alias.kind))
        if unmapped and len(words) <= WHOLE_TEXT_MAX_TOKENS:
            self._whole_text(" ".join(words), digits, frozenset(range(len(words))), hits)
        ranked = self._combine(hits)
        # "Permanence 1 or 2": numbers, used as part of a match, that name different teams leave it open.
        used = frozenset().union(*(team.support for team in ranked))
        named = {self._numbered[words[i]] for i in used if words[i] in self._numbered}
        distinguished = len(named) < 2
        if ranked:
            leader = ranked[0]
            for rival in ranked[1:]:
                if rival.score >= RIVAL_MIN_SCORE and leader.support <= rival.support:
                    distinguished = False
        return Ranking(tuple(ranked), distinguished, _off_topic(words), frozenset(near_miss))

    def _whole_text(self, query: str, digits, everywhere: frozenset[int], hits) -> None:
        # Garbled or run-together labels ("leavingcare", "earlyhelp") that no single word gives away.
        for _label, likeness, at in process.extract(
            query, self._name_labels, scorer=fuzz.ratio, score_cutoff=WHOLE_TEXT_MIN, limit=5
        ):
            alias = self._aliases[self._name_indexes[at]]
            if alias.digits != digits:
                continue
            hits.setdefault(alias.slug, []).append((KIND_WEIGHT[alias.kind] * likeness / 100.0, everywhere, alias.kind))

    @staticmethod
    def _combine(hits: dict[str, list[tuple[float, frozenset[int], str]]]) -> list[TeamScore]:
        teams = []
        for slug, found in hits.items():
            found.sort(key=lambda hit: hit[0], reverse=True)
            best, best_positions, _kind = found[0]
            # Another alias of the same team, on other words of the text, corroborates it.
            agreeing = sum(
                1 for score, positions, _ in found[1:] if score >= STRONG_HIT and not positions <= best_positions
            )
            support = frozenset().union(*(positions for _score, positions, _kind in found))
            kinds = frozenset(kind for score, _positions, kind in found if score >= STRONG_HIT)
            teams.append(TeamScore(slug, min(100.0, best + CORROBORATION_BONUS * agreeing), support, kinds))
        teams.sort(key=lambda team: (team.score, len(team.support)), reverse=True)
        if teams:
            leader = teams[0]
            for team in teams[1:]:
                if team.support < leader.support:
                    team.score *= SUBSUMED_FACTOR
            teams[1:] = sorted(teams[1:], key=lambda team: (team.score, len(team.support)), reverse=True)
        return teams

    # -- deciding ------------------------------------------------------------------------------------------

    def decide(
        self,
        text: str,
        ranking: Ranking,
        auto_min_score: float = AUTO_MIN_SCORE,
        auto_min_margin: float = AUTO_MIN_MARGIN,
    ) -> RouteResult:
        teams = [team for team in ranking.teams if team.score >= CANDIDATE_MIN_SCORE]
        candidates = tuple(Candidate(t.slug, self.team_names[t.slug], round(t.score, 1)) for t in teams[:3])
        if ranking.off_topic and (not teams or teams[0].score < RIVAL_MIN_SCORE):
            # Another service named outright outweighs a stray word like "care": no candidate, and a pointer.
            return RouteResult(text, "triage", None, None, 0.0, (), ranking.off_topic, "about another council service")
        if not teams:
            return RouteResult(text, "triage", None, None, 0.0, (), None, "no team matches")
        leader = teams[0]
        margin = leader.score - (teams[1].score if len(teams) > 1 else 0.0)
        if leader.score < auto_min_score:
            near = leader.slug in ranking.near_miss
            reason = "a worker's name with another first name or surname" if near else "the best match is too weak"
        elif margin < auto_min_margin:
            reason = "two teams match almost equally"
        elif not ranking.distinguished:
            reason = "nothing in the text tells the closest teams apart"
        elif ranking.off_topic and leader.kinds <= {"keyword"}:
            # "the disabled parking bay": a keyword is weaker evidence than another service named outright.
            reason = "it also mentions another council service"
        else:
            name = self.team_names[leader.slug]
            return RouteResult(text, "auto", leader.slug, name, leader.score, candidates, None, "clear match")
        return RouteResult(text, "triage", None, None, leader.score, candidates, None, reason)

    def route(self, text: str) -> RouteResult:
        text = text or ""
        cached = self._result_cache.get(text)
        if cached is not None:
            return cached
        result = self.decide(text, self.rank(text))
        if len(self._result_cache) > 10_000:
            self._result_cache.clear()
        self._result_cache[text] = result
        return result


def _same_name(written: str, known: str) -> bool:
    """A name as written is the directory's one, a typo of it ("whittaker") or its start ("sha", an initial)."""
    if written == known or fuzz.ratio(written, known) >= SAME_NAME_LIKENESS:
        return True
    return known.startswith(written)  # "Sam W", "Priya Sh"


def _digits(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word for word in words if word.isdigit())


_OFF_TOPIC_PHRASES = {
    tokens(phrase): topic for topic, (_advice, phrases) in OFF_TOPICS.items() for phrase in phrases.split(";")
}
_OFF_TOPIC_LONGEST = max(len(phrase) for phrase in _OFF_TOPIC_PHRASES)


def _off_topic(words: tuple[str, ...]) -> OffTopic | None:
    for start in range(len(words)):
        for length in range(_OFF_TOPIC_LONGEST, 0, -1):
            topic = _OFF_TOPIC_PHRASES.get(words[start : start + length])
            if topic is not None:
                return OffTopic(topic, OFF_TOPICS[topic][0])
    return None


# -- one router per process, rebuilt when the directory changes ------------------------------------------------


def directory_fingerprint(session: Session) -> tuple:
    """Changes whenever `teams import` or an edit changes what the router reads: one primary-key read.

    Every change to the directory stamps `directory_version` (models/teams.py), in the same transaction.
    """
    return (directory_version(session),)


def get_router(session: Session, version: int | None = None) -> Router:
    """The router for this session's database, built once and rebuilt when the team directory changes.

    `version`: the directory's number when the caller has already read it this request.
    """
    fingerprint = directory_fingerprint(session) if version is None else (version,)
    return built_once_per_database(session, "router", fingerprint, lambda: Router.from_session(session))
