"""Routes per second in one process, beside a bare rapidfuzz `process.extractOne` over the same aliases.

    .venv/bin/python -m bench.routing_speed [--seconds 2]

Texts: the labelled phrasings and the team labels of the demo history, routed in turn. "cold" bypasses the
router's per-text cache (every route is computed; its per-word typo cache stays warm, as in a running
service); "cached" is what the importer sees when a report repeats the same labels. Prints figures only.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections.abc import Callable

from rapidfuzz import process, utils

from bench import demo_router
from bench.routing_eval import load_cases
from settings import BASE_DIR

HISTORY = BASE_DIR / "demo" / "complaints.csv"


def texts() -> list[str]:
    found = [case.text for case in load_cases()]
    if HISTORY.exists():
        with HISTORY.open(encoding="utf-8", newline="") as handle:
            found += [row["team"] for row in csv.DictReader(handle)]
    return found


def rate(work: Callable[[str], object], items: list[str], seconds: float) -> float:
    """Calls per second of `work` over `items`, repeated for at least `seconds`."""
    for item in items:  # warm up: imports, first-call caches
        work(item)
    done, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for item in items:
            work(item)
        done += len(items)
    return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time spent on each measurement")
    seconds = parser.parse_args().seconds
    router = demo_router()
    items = texts()
    aliases = router.alias_labels
    distinct = len(set(items))

    def bare(text: str) -> object:
        return process.extractOne(text, aliases, processor=utils.default_process)

    def cold(text: str) -> object:
        return router.decide(text, router.rank(text))

    bare_rate = rate(bare, items, seconds)
    cold_rate = rate(cold, items, seconds)
    cached_rate = rate(router.route, items, seconds)
    print(f"{len(items)} texts ({distinct} distinct), {len(aliases)} aliases of {len(router.team_names)} teams")
    print(f"bare process.extractOne (WRatio) over the aliases: {bare_rate:10,.0f} /s")
    for label, value in (
        ("Router, cold (every text computed):", cold_rate),
        ("Router.route, cached texts:", cached_rate),
    ):
        print(f"{label:<51}{value:10,.0f} /s  ({value / bare_rate:.2f} x bare)")
    print("goal: cold >= 1/3 of bare and >= 5,000 routes/s")


if __name__ == "__main__":
    main()
