"""The mutation score of the last `make mutation` run, per module, from mutmut's results in mutants/.

Killed: a test failed (or timed out) with the change in place. Survived: every test passed with it. The score is
killed over killed and survived; mutants no test reaches count as survivors too (nothing would notice them).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

MUTANTS = Path(__file__).resolve().parent.parent / "mutants"
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
SURVIVED = {"survived", "no tests"}


def main() -> int:
    metas = sorted(MUTANTS.rglob("*.py.meta"))
    if not metas:
        print("no results in mutants/: run `make mutation` first")
        return 1
    total = Counter()
    print(f"{'module':<40} {'killed':>7} {'survived':>9} {'not run':>8} {'score':>7}")
    for meta in metas:
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        statuses = Counter(status_by_exit_code[code] for code in codes.values())
        killed = sum(statuses[status] for status in KILLED)
        survived = sum(statuses[status] for status in SURVIVED)
        if not killed + survived:
            continue
        module = meta.relative_to(MUTANTS).as_posix().removesuffix(".meta")
        not_run = len(codes) - killed - survived
        print(f"{module:<40} {killed:7} {survived:9} {not_run:8} {killed / (killed + survived):7.1%}")
        total.update(killed=killed, survived=survived)
    checked = total["killed"] + total["survived"]
    print(f"{'all':<40} {total['killed']:7} {total['survived']:9} {'':8} {total['killed'] / checked:7.1%}")
    print("survivors: .venv/bin/mutmut results; one of them: .venv/bin/mutmut show NAME")
    return 0


if __name__ == "__main__":
    sys.exit(main())
