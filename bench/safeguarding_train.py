"""Writes the safeguarding model's weights from the labelled sentences: python -m bench.safeguarding_train

The weights go to intake/safeguarding/data/model.json.

Trained on every example in the data files (danger with its category; not-danger.toml's as ordinary) and the
tuning splits tests/intake/safeguarding/tuning.csv to tuning4.csv (not tuning5 and tuning6: see TAUGHT). Never on the
held-out splits: they judge the detector on sentences nobody tuned it on. Run it after changing the examples, the
patterns of not-danger.toml or the normalisation; tests/intake/safeguarding/test_model.py fails until you do.
"""

from __future__ import annotations

import json

from bench.safeguarding_eval import TAUGHT, read_split
from intake.safeguarding.data import load
from intake.safeguarding.detector import Detector, build
from intake.safeguarding.model import MODEL, ORDINARY, features, train
from models.safeguarding import CATEGORIES


def labelled() -> list[tuple[str, str]]:
    """(text, label) of every sentence the model learns from."""
    return [(text, label) for _, text, label in labelled_by_source()]


def labelled_by_source() -> list[tuple[str, str, str]]:
    """(where it comes from, text, label): "examples" (the data files) or the tuning split's name."""
    library = load(tuple(category.slug for category in CATEGORIES))
    cases = [("examples", text, entry.slug) for entry in library.categories for text in entry.examples]
    cases += [("examples", text, ORDINARY) for text in library.not_danger.examples]
    for split in TAUGHT:
        cases += [(split, case.text, case.label) for case in read_split(split) or ()]
    return cases


def weights(detector: Detector) -> dict:
    return train((features(detector.sentence_words(text)), label) for text, label in labelled())


def main() -> None:
    detector = build(load(tuple(category.slug for category in CATEGORIES)), with_model=False)
    trained = weights(detector)
    MODEL.write_text(json.dumps(trained, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{MODEL}: {len(trained['weights'])} weights from {len(labelled())} labelled sentences")


if __name__ == "__main__":
    main()
