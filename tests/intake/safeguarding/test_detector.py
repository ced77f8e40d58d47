"""The detector, judged on labelled sentences: the data files' own examples and the tuning splits of the corpus.

`python -m bench.safeguarding_eval --split tuning` prints the same figures per category, with the misses.
The held-out split is never read here: it judges the detector on sentences nobody tuned it on.
"""

from __future__ import annotations

import pytest

from bench.safeguarding_eval import TAUGHT, TUNING, judge, read_split
from intake.safeguarding import CATEGORIES, UNSAFE, suggests_danger
from intake.safeguarding.data import load
from intake.safeguarding.detector import detector, warm_up

SLUGS = tuple(category.slug for category in CATEGORIES)
LIBRARY = load(SLUGS)
MIN_RECALL = 0.98
MAX_FALSE_ALARMS = 0.08


@pytest.mark.parametrize("entry", LIBRARY.categories, ids=lambda entry: entry.slug)
def test_every_category_example_is_found_with_its_own_category_by_the_rules_alone(entry):
    # The model is trained on these sentences, so only the rules are judged on them. One test per category
    # file (not per sentence: hundreds of tests cost more than the matching), naming every sentence missed.
    missed = {
        text: found for text in entry.examples if entry.slug not in (found := detector().find(text, rules_only=True))
    }
    assert not missed, f"{entry.slug}: {len(missed)} examples not found with their own category (text: found): {missed}"


def test_no_not_danger_example_is_flagged():
    flagged = {text: found for text in LIBRARY.not_danger.examples if (found := suggests_danger(text))}
    assert not flagged, f"{len(flagged)} not-danger examples flagged (text: categories): {flagged}"


# False alarms on the tuning splits the model does not learn from, when the patterns were last tuned on them.
UNTAUGHT_FALSE_ALARMS = {"tuning5": 67, "tuning6": 30}


@pytest.mark.parametrize("split", TUNING)
def test_each_tuning_split_meets_the_recall_and_false_alarm_goals(split):
    cases = read_split(split)
    assert cases, f"tests/intake/safeguarding/{split}.csv is missing"
    result = judge(cases)
    danger, caught = sum(result.total.values()), sum(result.caught.values())
    recall, false_alarms = caught / danger, len(result.alarms) / result.ordinary
    missed = [case.text for case in result.missed]
    alarms = [case.text for case, _ in result.alarms]
    assert recall >= MIN_RECALL, f"recall {caught}/{danger} = {recall:.1%} < {MIN_RECALL:.0%}; missed: {missed}"
    # The splits the model does not learn from (bench.safeguarding_eval.TAUGHT says why) are judged like unseen
    # sentences for the model's part: there the false alarms measured when the patterns were last tuned may not grow.
    ceiling = MAX_FALSE_ALARMS if split in TAUGHT else UNTAUGHT_FALSE_ALARMS[split] / result.ordinary
    assert false_alarms <= ceiling, (
        f"false alarms {len(result.alarms)}/{result.ordinary} = {false_alarms:.1%} > {ceiling:.1%}: {alarms}"
    )


def test_the_tuning_split_covers_every_category_and_its_labels_are_known():
    cases = read_split("tuning")
    labels = {case.label for case in cases}
    assert labels <= {*SLUGS, "ordinary"}, sorted(labels - {*SLUGS, "ordinary"})
    assert labels >= set(SLUGS)


def test_slugs_come_in_category_order_without_repeats():
    found = suggests_danger("he hit me and i want to kill myself. im so scared")
    assert found == ("self-harm", "physical-harm", UNSAFE)


def test_words_between_actor_act_and_victim_still_match():
    assert "physical-harm" in suggests_danger("my mums new boyfriend always really hard smacks my little brother")
    assert "physical-harm" in suggests_danger("he grabbed and shoved me")


def test_an_idiom_is_quiet_but_only_its_own_words():
    assert suggests_danger("the wait is killing me") == ()
    assert "physical-harm" in suggests_danger("the wait is killing me and he hit me")
    assert suggests_danger("this is an abuse of power") == ()
    assert "physical-harm" in suggests_danger("an abuse of power, and my carer hits me")


def test_fear_of_a_person_is_alarm_and_fear_for_a_file_is_not():
    assert suggests_danger("I'm scared the file will be lost") == ()
    assert UNSAFE in suggests_danger("I'm scared my stepdad will come back")
    # "Not scared" is still worth the help message: a miss costs more than a false alarm.
    assert suggests_danger("i am not scared of him anymore") != ()


def test_empty_and_odd_text_is_not_danger():
    assert suggests_danger("") == ()
    assert suggests_danger("   ") == ()
    assert suggests_danger("!!! ??? 123") == ()


def test_the_warm_up_builds_the_one_detector_the_answers_use():
    warm_up().join(timeout=60)
    assert detector() is detector()
    assert detector().find("he hit me") == ("physical-harm",)


def test_a_complaint_about_a_record_or_a_closed_matter_is_not_an_alarm():
    # The danger words are the report's, disputed, or a matter looked into and closed: the model decides.
    disputed = "The report says my son punched his sister, which is untrue."
    assert detector().find(disputed, rules_only=True) == ("physical-harm",)
    assert suggests_danger(disputed) == ()
    assert suggests_danger("The section 47 enquiry was closed with no further action.") == ()


def test_a_doubt_holds_only_in_its_own_clause():
    # "closed, but he is still hitting": what is happening now is danger, whatever the record says.
    assert "physical-harm" in suggests_danger("the section 47 was closed but he is still hitting my sister")
    assert "physical-harm" in suggests_danger("my social worker says its not true but my foster carer hits me")
