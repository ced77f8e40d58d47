"""The model beside the rules: its weights are up to date, it is asked only when the rules find nothing."""

from __future__ import annotations

import copy
import json

import pytest

from bench.safeguarding_cv import cross_validate
from bench.safeguarding_train import labelled, weights
from intake.safeguarding.detector import Detector, detector
from intake.safeguarding.model import MODEL, THRESHOLD, Model, features
from intake.safeguarding.model import load as load_model


@pytest.fixture(scope="module")
def rules_alone() -> Detector:
    """The detector without its model: the process's one, copied (building another would take a second)."""
    alone = copy.copy(detector())
    alone.model = None
    return alone


def test_the_shipped_weights_are_what_training_on_todays_sentences_gives(rules_alone):
    trained = weights(rules_alone)
    shipped = json.loads(MODEL.read_text(encoding="utf-8"))
    assert shipped == trained, "the labelled sentences changed: run python -m bench.safeguarding_train"


def test_the_model_speaks_only_when_the_rules_are_silent():
    found = detector().find("my stepdad kicked me")
    assert found == detector().find("my stepdad kicked me", rules_only=True) == ("physical-harm",)


def test_a_sentence_the_rules_miss_can_still_be_flagged_by_the_model():
    model = detector().model
    assert isinstance(model, Model)
    # Words that came only in danger sentences push the score up; complaint words push it down.
    danger = features(detector().sentence_words("my stepdad and his mates come round at night and i hide"))
    ordinary = features(detector().sentence_words("the social worker did not reply to my email about the review"))
    assert model.score(danger) > model.score(ordinary)
    assert model.score(ordinary) < THRESHOLD


def test_without_weights_the_rules_work_alone(tmp_path, rules_alone):
    assert load_model(tmp_path / "no-weights.json") is None
    assert rules_alone.model is None
    assert rules_alone.find("he battered my mum") == ("physical-harm", "domestic-abuse")


def test_cross_validated_the_detector_meets_the_goals_on_sentences_its_model_did_not_learn(rules_alone):
    # The eval on the tuning splits flatters weak patterns and doubts: the model there has learnt each sentence.
    caught, total, alarms, ordinary = cross_validate(rules_alone)
    assert sum(total.values()) + sum(ordinary.values()) == len(labelled())
    recall = sum(caught.values()) / sum(total.values())
    worst = min(total, key=lambda slug: caught[slug] / total[slug])
    assert recall >= 0.98 and caught[worst] / total[worst] >= 0.95, f"recall {recall:.1%}, {worst} {caught[worst]}"
    assert sum(alarms.values()) / sum(ordinary.values()) <= 0.08, f"false alarms {dict(alarms)} of {dict(ordinary)}"
