"""How the whole detector does on sentences its model did not learn from: python -m bench.safeguarding_cv

The model (intake/safeguarding/model.py) learns from the tuning splits and the data files' examples, so the eval
on those splits flatters anything that leans on it (a weak pattern, a doubted sentence). Here every labelled
sentence the model learns from is dealt into FOLDS groups; each group is judged by the rules with a model trained
on the other groups only. Use it to choose thresholds and to check a change that hands a decision to the model.
Never reads the held-out split.
"""

from __future__ import annotations

import argparse
from collections import Counter

from bench.safeguarding_train import labelled_by_source
from intake.safeguarding.data import load
from intake.safeguarding.detector import Detector, build
from intake.safeguarding.model import ORDINARY, Model, features, train
from models.safeguarding import CATEGORIES

FOLDS = 5


def cross_validate(
    rules: Detector, folds: int = FOLDS, *, show: bool = False
) -> tuple[Counter, Counter, Counter, Counter]:
    """Danger caught and danger sentences per category; false alarms and ordinary sentences per source."""
    cases = labelled_by_source()
    found_features = [features(rules.sentence_words(text)) for _, text, _ in cases]
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    ordinary: Counter[str] = Counter()
    for fold in range(folds):
        weights = train((found_features[n], case[2]) for n, case in enumerate(cases) if n % folds != fold)
        model = Model(weights["prior"], weights["weights"], weights["categories"], weights["category_floor"])
        judged = Detector.__new__(Detector)
        judged.__dict__.update(rules.__dict__, model=model)
        for n, (source, text, label) in enumerate(cases):
            if n % folds != fold:
                continue
            found = judged.find(text)
            if label == ORDINARY:
                ordinary[source] += 1
                alarms[source] += bool(found)
                if found and show:
                    print(f"  false alarm ({','.join(found)}) [{source}]: {text}")
            else:
                total[label] += 1
                caught[label] += bool(found)
                if not found and show:
                    print(f"  missed [{label}] [{source}]: {text}")
    return caught, total, alarms, ordinary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the sentences missed and the false alarms")
    args = parser.parse_args(argv)
    rules = build(load(tuple(category.slug for category in CATEGORIES)), with_model=False)
    caught, total, alarms, ordinary = cross_validate(rules, show=args.show)
    for category in CATEGORIES:
        slug = category.slug
        print(f"  {slug:<18} {caught[slug]:>4}/{total[slug]:<4} = {caught[slug] / total[slug]:6.1%}")
    danger, found = sum(total.values()), sum(caught.values())
    print(f"  overall recall {found}/{danger} = {found / danger:.1%}")
    for source in sorted(ordinary):
        print(
            f"  false alarms [{source}] {alarms[source]}/{ordinary[source]} = {alarms[source] / ordinary[source]:.1%}"
        )


if __name__ == "__main__":
    main()
