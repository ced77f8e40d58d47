"""How well the router does on the labelled phrasings, and the curve the thresholds were chosen from.

    .venv/bin/python -m bench.routing_eval

Two sets: development (tests/intake/routing_cases.csv), where the thresholds were chosen, and held-out
(tests/intake/routing_heldout.csv), written later by another hand without the router's word lists, frozen and
only judged. For each: the share auto-routed, the precision of auto-routes, triage correctness; beside them the
baseline, a plain rapidfuzz `extractOne` (WRatio) sending every text to the team of its best alias. For the
development set only: every wrong auto-route and miss, and auto-rate / precision over a grid of thresholds (the
held-out set's mistakes are counted, never listed, so nobody tunes on them). The tests use `evaluate()`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import process, utils

from bench import demo_router, machine_load
from intake import routing
from intake.routing import Ranking, Router, RouteResult
from settings import BASE_DIR

CASES = BASE_DIR / "tests" / "intake" / "routing_cases.csv"  # development: the thresholds were chosen here
HELDOUT = BASE_DIR / "tests" / "intake" / "routing_heldout.csv"  # frozen, by another hand: judged only
NAMING = frozenset({"label", "team", "worker"})  # phrasings that name a team or a worker
SCORE_GRID = (50.0, 60.0, 65.0, 70.0, 75.0, 80.0, 85.0, 90.0, 95.0)
MARGIN_GRID = (0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0)


@dataclass(frozen=True)
class Case:
    text: str
    expected: str  # a team slug, or "triage"
    category: str  # label, team, worker, keyword, ambiguous, description, off-topic, empty
    candidates: tuple[str, ...]  # for triage cases: teams staff should be offered


def load_cases(path: Path = CASES) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Case(row["text"], row["expected"], row["category"], tuple(filter(None, row["candidates"].split(";"))))
            for row in csv.DictReader(handle)
        ]


def triage_problem(case: Case, result: RouteResult) -> str | None:
    """Why a case labelled triage was not handled as it should be, or None."""
    if result.decision != "triage":
        return f"auto-routed to {result.team}"
    offered = {candidate.team for candidate in result.candidates}
    if case.category in ("off-topic", "empty") and offered:
        return f"offered {sorted(offered)} for text about no children's team"
    if (case.category == "off-topic") != (result.off_topic is not None):
        return "off-topic hint missing" if case.category == "off-topic" else "wrongly flagged off-topic"
    missing = set(case.candidates) - offered
    if missing:
        return f"candidates lack {sorted(missing)}"
    return None


@dataclass
class Evaluation:
    results: list[tuple[Case, RouteResult]]
    auto: int = 0
    correct_auto: int = 0
    named: int = 0
    named_auto: int = 0
    triage_cases: int = 0
    triage_correct: int = 0
    team_cases: int = 0
    team_in_candidates: int = 0  # team cases sent to triage whose team staff are offered
    wrong: list[tuple[Case, RouteResult]] = field(default_factory=list)
    misses: list[tuple[Case, RouteResult, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_auto / self.auto if self.auto else 1.0

    @property
    def named_auto_rate(self) -> float:
        return self.named_auto / self.named if self.named else 0.0


def evaluate(
    router: Router,
    cases: list[Case],
    rankings: list[Ranking] | None = None,
    auto_min_score: float = routing.AUTO_MIN_SCORE,
    auto_min_margin: float = routing.AUTO_MIN_MARGIN,
) -> Evaluation:
    rankings = rankings if rankings is not None else [router.rank(case.text) for case in cases]
    report = Evaluation(results=[])
    for case, ranking in zip(cases, rankings, strict=True):
        result = router.decide(case.text, ranking, auto_min_score, auto_min_margin)
        report.results.append((case, result))
        if result.decision == "auto":
            report.auto += 1
            if result.team == case.expected:
                report.correct_auto += 1
            else:
                report.wrong.append((case, result))
        if case.expected == "triage":
            report.triage_cases += 1
            problem = triage_problem(case, result)
            if problem is None:
                report.triage_correct += 1
            elif result.decision == "triage":
                report.misses.append((case, result, problem))
            continue
        report.team_cases += 1
        if case.category in NAMING:
            report.named += 1
            report.named_auto += result.decision == "auto" and result.team == case.expected
        if result.decision == "triage":
            offered = {candidate.team for candidate in result.candidates}
            report.team_in_candidates += case.expected in offered
            report.misses.append((case, result, result.reason))
    return report


def _percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:5.1f} % ({part}/{whole})" if whole else "  n/a"


def baseline(router: Router, cases: list[Case]) -> tuple[int, int]:
    """Plain fuzzy matching: each text to the team of its best alias. (correct team cases, team cases)."""
    labels = router.alias_labels
    teams = [alias.slug for alias in router._aliases]
    correct = total = 0
    for case in cases:
        if case.expected == "triage":
            continue
        total += 1
        best = process.extractOne(case.text, labels, processor=utils.default_process)
        correct += best is not None and teams[best[2]] == case.expected
    return correct, total


def summary(name: str, router: Router, cases: list[Case], report: Evaluation) -> None:
    print(f"== {name}: {len(cases)} labelled phrasings")
    print(f"auto-routed, all phrasings:            {_percent(report.auto, len(cases))}")
    print(f"auto-routed, labelled with a team:     {_percent(report.correct_auto, report.team_cases)}")
    print(f"auto-routed, naming a team or worker:  {_percent(report.named_auto, report.named)}")
    print(f"precision of auto-routes:              {_percent(report.correct_auto, report.auto)}")
    print(f"triage correctness:                    {_percent(report.triage_correct, report.triage_cases)}")
    triaged_team_cases = report.team_cases - report.correct_auto - len(report.wrong)
    print(f"team offered when a team case triaged: {_percent(report.team_in_candidates, triaged_team_cases)}")
    correct, total = baseline(router, cases)
    print(
        f"baseline, extractOne's best alias:     {_percent(correct, total)} of team phrasings right; it sends"
        f" every one of the {report.triage_cases} triage phrasings to some team"
    )


def main() -> None:
    print(machine_load())
    router = demo_router()
    cases = load_cases()
    rankings = [router.rank(case.text) for case in cases]
    report = evaluate(router, cases, rankings)
    print(
        f"thresholds: auto when score >= {routing.AUTO_MIN_SCORE:g} and margin >= {routing.AUTO_MIN_MARGIN:g} "
        f"and a word no rival (score >= {routing.RIVAL_MIN_SCORE:g}) shares; "
        f"candidates score >= {routing.CANDIDATE_MIN_SCORE:g}\n"
    )
    summary(f"development, {CASES.relative_to(BASE_DIR)} (thresholds chosen here)", router, cases, report)
    for case, result in report.wrong:
        print(f"  WRONG {case.text!r}: expected {case.expected}, routed to {result.team}")
    for case, result, why in report.misses:
        offered = ", ".join(f"{c.team} {c.score:g}" for c in result.candidates) or "none"
        print(f"  miss  {case.text!r} ({case.category}, expected {case.expected}): {why}; candidates {offered}")
    heldout = load_cases(HELDOUT)
    held = evaluate(router, heldout)
    print()
    summary(f"held-out, {HELDOUT.relative_to(BASE_DIR)} (frozen, judged only)", router, heldout, held)
    print(f"wrong auto-routes {len(held.wrong)}, misses {len(held.misses)} (not listed: nobody tunes on this set)")
    print("\ncurve (development set): auto-rate of team-labelled phrasings / precision of auto-routes")
    print("score \\ margin " + "".join(f"{margin:>14g}" for margin in MARGIN_GRID))
    for score in SCORE_GRID:
        cells = []
        for margin in MARGIN_GRID:
            point = evaluate(router, cases, rankings, score, margin)
            cells.append(f"{100.0 * point.correct_auto / point.team_cases:5.1f}/{100.0 * point.precision:5.1f}")
        print(f"{score:>14g} " + "".join(f"{cell:>14}" for cell in cells))
    print(machine_load())


if __name__ == "__main__":
    main()
