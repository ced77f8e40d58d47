"""Routes per second in one process, beside bare rapidfuzz over the same aliases, compared fairly.

    .venv/bin/python -m bench.routing_speed [--seconds 2]

Texts: the labelled phrasings and the team labels of the demo history, routed in turn. The baselines:
- `extractOne` with `fuzz.ratio` over aliases processed once beforehand (the query processed once per call):
  the fastest plain fuzzy match, and the scorer the router itself uses. This is the figure to compare with.
- `extractOne` with WRatio, re-processing every alias on every call: rapidfuzz's default, and its slowest form.
The router:
- truly cold: both of its caches emptied before every text (no typo ever seen before, no text repeated);
- warm typos: its per-text cache bypassed, its per-word typo cache warm, as in a running service;
- cached: a repeated text is a dictionary lookup, not routing (what the importer sees when a report repeats
  its labels); shown for completeness, never as a speed-up over rapidfuzz.
Prints figures only, with the machine's load: a figure from a busy machine is not a result.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections.abc import Callable

from rapidfuzz import fuzz, process, utils

from bench import demo_router, machine_load
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
    print(machine_load())
    router = demo_router()
    items = texts()
    aliases = router.alias_labels
    processed = [utils.default_process(alias) for alias in aliases]
    distinct = len(set(items))

    def ratio_processed(text: str) -> object:
        return process.extractOne(utils.default_process(text), processed, scorer=fuzz.ratio, processor=None)

    def wratio_raw(text: str) -> object:
        return process.extractOne(text, aliases, processor=utils.default_process)

    def truly_cold(text: str) -> object:
        router._word_cache.clear()
        router._result_cache.clear()
        return router.route(text)

    def warm_typos(text: str) -> object:
        return router.decide(text, router.rank(text))

    baseline = rate(ratio_processed, items, seconds)
    figures = [
        ("bare extractOne, fuzz.ratio, aliases processed once:", baseline),
        ("bare extractOne, WRatio, aliases processed per call:", rate(wratio_raw, items, seconds)),
        ("Router, truly cold (both caches emptied per text):", rate(truly_cold, items, seconds)),
        ("Router, typo cache warm, every text computed:", rate(warm_typos, items, seconds)),
        ("Router.route, repeated text (a dictionary lookup):", rate(router.route, items, seconds)),
    ]
    print(f"{len(items)} texts ({distinct} distinct), {len(aliases)} aliases of {len(router.team_names)} teams")
    for label, value in figures:
        print(f"{label:<56}{value:10,.0f} /s  ({value / baseline:.2f} x fuzz.ratio)")
    print(
        "The router does more than one fuzzy match (every word against the vocabulary, whole-text matches, the"
        " margins); the fair question is whether that costs a usable rate: goal cold >= 5,000 routes/s."
    )
    print(machine_load())


if __name__ == "__main__":
    main()
