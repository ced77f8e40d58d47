"""Prints how the intake's danger check does on the labelled sentences in tests/intake/test_safeguarding.py.

python -m bench.safeguarding_eval
"""

from __future__ import annotations

from intake.safeguarding import suggests_danger
from tests.intake.test_safeguarding import DANGEROUS, ORDINARY


def main() -> None:
    missed = [text for text in DANGEROUS if not suggests_danger(text)]
    alarms = [text for text in ORDINARY if suggests_danger(text)]
    print(f"recall: {len(DANGEROUS) - len(missed)}/{len(DANGEROUS)} = {1 - len(missed) / len(DANGEROUS):.0%}")
    print(f"false alarms: {len(alarms)}/{len(ORDINARY)} = {len(alarms) / len(ORDINARY):.0%}")
    for text in missed:
        print(f"  missed: {text}")
    for text in alarms:
        print(f"  false alarm: {text}")


if __name__ == "__main__":
    main()
