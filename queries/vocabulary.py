"""Every phrase the parser knows, with what it means: the fixed words plus the team directory and learning labels.

Built from the database once per request (a few hundred short rows); the parser never queries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from intake.routing import directory_fingerprint
from models.base import require_id
from models.complaints import LearningCategory
from models.db import built_once_per_database
from models.teams import AliasKind, Team, TeamAlias, Worker
from queries.words import COMMON_SHORT_WORDS, FIXED, LEARNING_SYNONYMS, NOISE, TEAM_WORD_STOPLIST, UNSUPPORTED

_TOKEN = re.compile(r"[a-z0-9]+")
# Team aliases that name a kind of work ("respite", "referral") are for routing complaints, not for
# reading questions: "complaints about respite" is a topic, not a team, so keywords are left out.
_TEAM_ALIAS_KINDS = {AliasKind.OFFICIAL, AliasKind.FORMER, AliasKind.VARIANT, AliasKind.ABBREVIATION}
# Filler inside team names: "Leaving Care Team" and "leaving care" are the same phrase.
_TEAM_FILLER = {"team", "teams", "service", "services", "statutory", "childrens", "s", "the", "dept", "department"}


def tokens(text: str) -> list[str]:
    lowered = text.lower().replace("&", " and ").replace("%", " percent ").replace("'s", "").replace("’s", "")
    return _TOKEN.findall(lowered)


@dataclass(frozen=True)
class Concept:
    kind: str  # measure, compare, extensions, group, stages, stage, lac, outcome, learning, role, team, ambiguous
    value: str  # a slug; for "ambiguous", slugs joined by "|"
    label: str  # how the answer names it


@dataclass(frozen=True)
class TeamInfo:
    id: int
    slug: str
    name: str
    is_lac: bool
    active: bool = True


@dataclass
class Vocabulary:
    phrases: dict[tuple[str, ...], Concept] = field(default_factory=dict)
    teams: dict[str, TeamInfo] = field(default_factory=dict)
    team_labels: dict[str, list[str]] = field(default_factory=dict)  # slug -> variant labels seen in reports
    learning: dict[str, tuple[int, str]] = field(default_factory=dict)  # slug -> (id, label)
    known_words: frozenset[str] = frozenset()
    max_len: int = 1
    _by_id: dict[int, TeamInfo] | None = None

    def add(self, phrase: str, concept: Concept, *, override: bool = False) -> None:
        key = tuple(tokens(phrase))
        if not key:
            return
        existing = self.phrases.get(key)
        if existing is not None and not override:
            if existing.kind == "team" and concept.kind == "team" and existing.value != concept.value:
                # Two teams answer to the same words: never pick one, ask.
                self.phrases[key] = Concept("ambiguous", f"{existing.value}|{concept.value}", phrase)
            elif existing.kind == "ambiguous" and concept.kind == "team":
                values = set(existing.value.split("|")) | {concept.value}
                self.phrases[key] = Concept("ambiguous", "|".join(sorted(values)), phrase)
            return
        self.phrases[key] = concept

    def finish(self) -> Vocabulary:
        self.max_len = max((len(key) for key in self.phrases), default=1)
        self.known_words = frozenset(word for key in self.phrases for word in key) | NOISE
        return self

    def team_ids(self, slugs) -> list[int]:
        return [self.teams[slug].id for slug in slugs if slug in self.teams]

    def lac_team_ids(self, lac: bool) -> list[int]:
        return [team.id for team in self.teams.values() if team.is_lac == lac]

    def team_by_id(self, team_id: int | None) -> TeamInfo | None:
        if self._by_id is None:
            self._by_id = {team.id: team for team in self.teams.values()}
        return self._by_id.get(team_id) if team_id is not None else None

    def team_name(self, slug: str) -> str:
        team = self.teams.get(slug)
        return team.name if team else slug

    @classmethod
    def build(
        cls,
        teams: list[TeamInfo],
        aliases: list[tuple[str, str, str]],
        learning: list[tuple[int, str, str]],
    ) -> Vocabulary:
        """`aliases` are (team slug, kind, text), workers as kind "worker"; `learning` is (id, slug, label)."""
        vocab = cls()
        for (kind, value), phrases in FIXED.items():
            for phrase in phrases:
                vocab.add(phrase, Concept(kind, value, phrase))
        for description, phrases in UNSUPPORTED.items():
            for phrase in phrases:
                vocab.add(phrase, Concept("unsupported", description, phrase))
        for category_id, slug, label in learning:
            vocab.learning[slug] = (category_id, label)
            concept = Concept("learning", slug, label)
            for phrase in (label, slug.replace("-", " "), *LEARNING_SYNONYMS.get(slug, ())):
                vocab.add(phrase, concept)
        _add_teams(vocab, teams, aliases)
        return vocab.finish()

    @classmethod
    def from_session(cls, session: Session) -> Vocabulary:
        # Every team, so old figures keep their names; only active teams' names are read in questions.
        rows = session.exec(select(Team)).all()
        teams = [TeamInfo(require_id(t), t.slug, t.name, t.is_lac, t.active) for t in rows]
        slug_of = {t.id: t.slug for t in rows if t.active}
        aliases = [
            (slug_of[a.team_id], a.kind, a.text) for a in session.exec(select(TeamAlias)) if a.team_id in slug_of
        ]
        aliases += [
            (slug_of[w.team_id], "worker", w.name)
            for w in session.exec(select(Worker).where(Worker.active))
            if w.team_id in slug_of
        ]
        learning = [(require_id(c), c.slug, c.label) for c in session.exec(select(LearningCategory))]
        return cls.build(teams, aliases, learning)


def _parts(text: str) -> list[tuple[str, ...]]:
    """The name without its bracketed part, and each side of an "and" in it."""
    plain = re.sub(r"\([^)]*\)", " ", text)
    words = [word for word in tokens(plain) if word not in _TEAM_FILLER]
    parts = [tuple(words)]
    current: list[str] = []
    for word in [*words, "and"]:
        if word == "and":
            if current:
                parts.append(tuple(current))
            current = []
        else:
            current.append(word)
    return parts


def initials(name: str) -> set[str]:
    """Abbreviations staff make of a name of two or more words: "Multi Agency Safeguarding Hub" is "mash",
    "Children in Need" both "cin" and "cn", "Child Protection and Proceedings" "cpp" and "cpap"."""
    plain = re.sub(r"\([^)]*\)", " ", name)
    words = [word for word in tokens(plain) if word.isalpha() and word != "s"]
    found = set()
    for kept in (words, [w for w in words if w not in _TEAM_FILLER], [w for w in words if w not in _SMALL_WORDS]):
        if len(kept) >= 2:
            found.add("".join(word[0] for word in kept))
    return {short for short in found if len(short) >= 2}


_SMALL_WORDS = frozenset({"and", "of", "in", "with", "the", "for", "to", "team", "teams", "service", "services"})


def _add_initials(vocab: Vocabulary, fixed: set, slug: str, text: str) -> None:
    for short in initials(text):
        if (short,) not in fixed and short not in NOISE and short not in COMMON_SHORT_WORDS:
            vocab.add(short, Concept("team", slug, vocab.teams[slug].name))


def _add_whole_name(vocab: Vocabulary, fixed: set, slug: str, text: str, label: str) -> None:
    words = tuple(word for word in tokens(text) if word not in _TEAM_FILLER)
    for phrase in {tuple(tokens(text)), words}:
        # The fixed words win: "care leavers" is who complained, even though it was once a team's name.
        # A bare number ("18+ Team") would take the "18" of "2017/18": numbers never name a team alone.
        if phrase and phrase not in fixed and not all(word.isdigit() for word in phrase):
            vocab.add(" ".join(phrase), Concept("team", slug, label))


def _add_teams(vocab: Vocabulary, teams: list[TeamInfo], aliases: list[tuple[str, str, str]]) -> None:
    fixed = set(vocab.phrases)
    names: list[tuple[str, str, str]] = [(t.slug, AliasKind.OFFICIAL.value, t.name) for t in teams if t.active]
    names += [alias for alias in aliases if alias[1] in _TEAM_ALIAS_KINDS or alias[1] == "worker"]
    for team in teams:
        vocab.teams[team.slug] = team
    word_teams: dict[str, set[str]] = defaultdict(set)
    for slug, kind, text in names:
        if slug not in vocab.teams:
            continue
        if kind == AliasKind.VARIANT.value:
            vocab.team_labels.setdefault(slug, []).append(text)
        elif kind in (AliasKind.OFFICIAL.value, AliasKind.FORMER.value):
            _add_initials(vocab, fixed, slug, text)
        words = tuple(word for word in tokens(text) if word not in _TEAM_FILLER)
        _add_whole_name(vocab, fixed, slug, text, text if kind == "worker" else vocab.teams[slug].name)
        if kind == "worker":
            continue  # a worker's first or last name alone is too easily someone else's
        for part in _parts(text):
            # "Child Protection and Proceedings" is also "child protection"; one-word parts go below.
            if len(part) > 1 and part not in fixed:
                vocab.add(" ".join(part), Concept("team", slug, vocab.teams[slug].name))
        for word in words:
            if len(word) >= 5 and word not in TEAM_WORD_STOPLIST and not word.isdigit():
                word_teams[word].add(slug)
    _teams_named_like_lac(vocab, teams)
    for word, slugs in word_teams.items():
        key = (word,)
        if key in vocab.phrases or key in fixed:
            continue
        if len(slugs) == 1:
            slug = next(iter(slugs))
            vocab.phrases[key] = Concept("team", slug, vocab.teams[slug].name)
        else:
            vocab.phrases[key] = Concept("ambiguous", "|".join(sorted(slugs)), word)


def _teams_named_like_lac(vocab: Vocabulary, teams: list[TeamInfo]) -> None:
    """A team the council named exactly as the general LAC word ("CIC" in Bradford) is that team: the council's own
    name is the narrower meaning, and reading it as every LAC team would count other teams' complaints too."""
    for team in teams:
        key = tuple(word for word in tokens(team.name) if word not in _TEAM_FILLER)
        concept = vocab.phrases.get(key)
        if team.active and concept is not None and concept.kind == "lac":
            vocab.phrases[key] = Concept("team", team.slug, team.name)


def cached_vocabulary(session: Session) -> Vocabulary:
    """The vocabulary for this database, built once and rebuilt when the team directory or the lessons change.

    Building it reads every alias and worker (10-15 ms); every question and report needs it.
    """
    learning = session.exec(
        select(
            func.count(col(LearningCategory.id)),
            func.max(LearningCategory.id),
            func.sum(func.length(LearningCategory.label)),
        )
    ).one()
    fingerprint = directory_fingerprint(session) + tuple(learning)
    return built_once_per_database(session, "vocabulary", fingerprint, lambda: Vocabulary.from_session(session))
