"""Free text to a team by fuzzy matching; anything unclear goes to triage, never a guess.

First version: good enough to canonicalise the team labels of old reports. The routing issue
refines the normalisation, scorers and thresholds against a labelled evaluation set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlmodel import Session, select

from models.teams import Team, TeamAlias, Worker

AUTO_MIN_SCORE = 88.0  # best team must score at least this ...
AUTO_MIN_MARGIN = 8.0  # ... and be this far ahead of the second

_FILLER = {"team", "service", "services", "my", "the", "statutory", "childrens", "children's", "dept", "department"}
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "i": "1", "ii": "2"}
_TOKEN = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    lowered = text.lower().replace("&", " and ").replace("+", " plus ")
    tokens = [_NUMBER_WORDS.get(token, token) for token in _TOKEN.findall(lowered)]
    return " ".join(token for token in tokens if token not in _FILLER)


def _numbers(text: str) -> frozenset[str]:
    return frozenset(token for token in text.split() if token.isdigit())


@dataclass(frozen=True)
class Candidate:
    team: str
    name: str
    score: float


@dataclass(frozen=True)
class RouteResult:
    text: str
    decision: str  # "auto" or "triage"
    team: str | None
    team_name: str | None
    confidence: float
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "decision": self.decision,
            "team": self.team,
            "team_name": self.team_name,
            "confidence": round(self.confidence, 1),
            "candidates": [{"team": c.team, "name": c.name, "score": round(c.score, 1)} for c in self.candidates],
        }


@dataclass(frozen=True)
class _Alias:
    slug: str
    kind: str
    norm: str
    numbers: frozenset[str]


class Router:
    def __init__(self, teams: dict[str, str], aliases: list[tuple[str, str, str]]):
        """`teams` maps slug to name; `aliases` is (slug, kind, text) including official names and workers."""
        self.team_names = dict(teams)
        self._aliases = [
            _Alias(slug, kind, norm, _numbers(norm)) for slug, kind, text in aliases if (norm := normalise(text))
        ]

    @classmethod
    def from_session(cls, session: Session) -> Router:
        teams = {team.id: team for team in session.exec(select(Team).where(Team.active))}
        names = {team.slug: team.name for team in teams.values()}
        aliases = [(team.slug, "official", team.name) for team in teams.values()]
        for alias in session.exec(select(TeamAlias)):
            if alias.team_id in teams:
                aliases.append((teams[alias.team_id].slug, alias.kind, alias.text))
        for worker in session.exec(select(Worker).where(Worker.active)):
            if worker.team_id in teams:
                aliases.append((teams[worker.team_id].slug, "worker", worker.name))
        return cls(names, aliases)

    def _score(self, query: str, numbers: frozenset[str], alias: _Alias) -> float:
        if alias.kind in ("abbreviation", "keyword"):
            # Short aliases must appear as words; fuzzy partial matches of "pa" would hit everything.
            return 100.0 if f" {alias.norm} " in f" {query} " else 0.0
        score = fuzz.token_sort_ratio(query, alias.norm)
        if alias.numbers != numbers and (alias.numbers or numbers):
            # "Permanence 1" and "Permanence 2" look alike to a fuzzy ratio but are different teams.
            score -= 30
        return score

    def route(self, text: str) -> RouteResult:
        query = normalise(text or "")
        if not query:
            return RouteResult(text, "triage", None, None, 0.0)
        numbers = _numbers(query)
        best: dict[str, float] = {}
        for alias in self._aliases:
            score = self._score(query, numbers, alias)
            if score > best.get(alias.slug, 0.0):
                best[alias.slug] = score
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
        candidates = tuple(Candidate(slug, self.team_names[slug], score) for slug, score in ranked[:3] if score >= 50)
        if not candidates:
            return RouteResult(text, "triage", None, None, 0.0)
        top = candidates[0]
        second = candidates[1].score if len(candidates) > 1 else 0.0
        if top.score >= AUTO_MIN_SCORE and top.score - second >= AUTO_MIN_MARGIN:
            return RouteResult(text, "auto", top.team, top.name, top.score, candidates)
        return RouteResult(text, "triage", None, None, top.score, candidates)
