"""Right, confidently wrong and "not sure" over the labelled staff questions, split by where they came from.

    .venv/bin/python -m bench.questions_eval                      # existing and tuning
    .venv/bin/python -m bench.questions_eval --split heldout --heldout-file PATH

Splits: `existing` (tests/queries/questions.tsv, written with the parser), `tuning` (tests/queries/corpus/
tuning.tsv, other people's words, used to improve the parser) and `heldout` (a file never read while tuning; only
its counts are printed, never its questions). Every file has the columns question, as_of, value, rows: `value` is
the expected value or "unclear" when the right answer is "not sure"; `rows` lists key=value pairs that must be
among the answer's rows. An optional column `data` names the records asked about: empty for the demo, `bradford`
for Bradford's 2022/23 records (demo/councils/bradford-2022-23, bench/councils.py).

A question is right when the answer is clear and its value (and listed rows) match, or when "not sure" was
expected and given; confidently wrong when a clear answer does not match or "not sure" was expected; not sure
otherwise. The demo data is loaded into a throwaway SQLite database as of 26 November 2026, as the tests do.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session

import migrations
from bench.councils import BRADFORD, council_session
from casework.demo import seed_demo
from models.db import get_engine, session_scope
from queries.answers import Answer
from queries.asker import Asker
from settings import BASE_DIR, Settings

DEMO_TODAY = date(2026, 11, 26)
SPLITS = {
    "existing": BASE_DIR / "tests" / "queries" / "questions.tsv",
    "tuning": BASE_DIR / "tests" / "queries" / "corpus" / "tuning.tsv",
    "heldout": BASE_DIR / "tests" / "queries" / "corpus" / "heldout.tsv",
}
SHOWN = ("existing", "tuning")  # failures are listed only for the splits the parser may be tuned on


@dataclass(frozen=True)
class Case:
    question: str
    as_of: str
    value: str
    rows: str
    data: str = "demo"


@dataclass
class Score:
    right: int = 0
    wrong: list[tuple[Case, str]] = field(default_factory=list)
    unsure: list[tuple[Case, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + len(self.wrong) + len(self.unsure)


def load(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Case(
                row["question"],
                row["as_of"] or DEMO_TODAY.isoformat(),
                row["value"].strip(),
                row.get("rows") or "",
                (row.get("data") or "").strip() or "demo",
            )
            for row in csv.DictReader(handle, delimiter="\t")
            if row.get("question") is not None
        ]


def _close(actual, expected: float) -> bool:
    return actual is not None and math.isclose(float(actual), expected, rel_tol=1e-6, abs_tol=0.051)


def judge(case: Case, answer: Answer) -> str:
    """ "right", "wrong" or "unsure"."""
    if case.value.lower() == "unclear":
        return "right" if not answer.clear else "wrong"
    if not answer.clear:
        return "unsure"
    try:
        expected = float(case.value)
    except ValueError:
        return "wrong"
    if not _close(answer.value, expected):
        return "wrong"
    rows = {row["key"]: row["value"] for row in answer.rows}
    for pair in filter(None, case.rows.split(";")):
        key, _, value = pair.partition("=")
        if not _close(rows.get(key.strip()), float(value)):
            return "wrong"
    return "right"


def evaluate(sessions: Sessions, cases: list[Case]) -> Score:
    score = Score()
    askers: dict[tuple[str, str], Asker] = {}
    for case in cases:
        key = (case.data, case.as_of)
        if key not in askers:
            same_data = [asker for (data, _day), asker in askers.items() if data == case.data]
            vocab = same_data[0].vocabulary if same_data else None
            askers[key] = Asker(sessions.get(case.data), date.fromisoformat(case.as_of), vocab=vocab)
        answer = askers[key].ask(case.question)
        verdict = judge(case, answer)
        if verdict == "right":
            score.right += 1
        else:
            (score.wrong if verdict == "wrong" else score.unsure).append((case, f"{answer.value}: {answer.answer}"))
    return score


def demo_session(directory: Path) -> Session:
    url = f"sqlite:///{directory / 'questions_eval.sqlite3'}"
    migrations.upgrade(url)
    settings = Settings(environment="test", database_url=url, secret_key="bench", instance_dir=directory)
    with session_scope(get_engine(url)) as session:
        seed_demo(session, settings, DEMO_TODAY)
    return Session(get_engine(url))


class Sessions:
    """One throwaway database per set of records, made the first time a question asks about it."""

    def __init__(self, directory: Path, given: dict[str, Session] | None = None):
        self.directory = directory
        self.open: dict[str, Session] = dict(given or {})
        self.owned: set[str] = set()

    def get(self, data: str) -> Session:
        if data not in self.open:
            if data == "demo":
                self.open[data] = demo_session(self.directory)
            elif data == "bradford":
                self.open[data] = council_session(self.directory, BRADFORD)
            else:
                raise SystemExit(f"unknown data {data!r}: use demo or bradford")
            self.owned.add(data)
        return self.open[data]

    def close(self) -> None:
        for data in self.owned:
            self.open[data].close()


def report(name: str, score: Score, *, show: bool) -> None:
    total = score.total or 1
    print(
        f"{name:9} {score.total:4} questions: right {score.right} ({100 * score.right / total:.1f} %), "
        f"wrong {len(score.wrong)}, not sure {len(score.unsure)}"
    )
    if not show:
        return
    for label, items in (("WRONG", score.wrong), ("NOT SURE", score.unsure)):
        for case, got in items:
            print(f"  {label}: {case.question!r} (as of {case.as_of}) expected {case.value} {case.rows}".rstrip())
            print(f"      got {got[:300]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default=None, help="default: existing and tuning")
    parser.add_argument("--heldout-file", type=Path, default=SPLITS["heldout"])
    args = parser.parse_args(argv)
    names = list(SHOWN) if args.split is None else (list(SPLITS) if args.split == "all" else [args.split])
    paths = {**SPLITS, "heldout": args.heldout_file}
    with tempfile.TemporaryDirectory() as directory:
        sessions = Sessions(Path(directory))
        try:
            for name in names:
                path = paths[name]
                if not path.exists():
                    print(f"{name:9} no file at {path}")
                    continue
                report(name, evaluate(sessions, load(path)), show=name in SHOWN)
        finally:
            sessions.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
