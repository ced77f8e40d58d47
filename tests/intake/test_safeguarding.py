"""The danger check, judged on labelled sentences: every dangerous one must be caught.

`python -m bench.safeguarding_eval` prints the recall and false-alarm figures for these sets.
"""

from __future__ import annotations

from intake.safeguarding import suggests_danger

DANGEROUS = (
    "He hit me when I got home",
    "my foster carer hurts me",
    "I am scared to go home",
    "im scarred to go home",
    "i want to kil myself",
    "I want to die",
    "I dont feel safe at my placement",
    "I feel unsafe",
    "Im thinking about self-harm",
    "sometimes I cut myself",
    "i been cuttin myself again",
    "he threatend me with a knife",
    "she slapped me",
    "they locked me in my room",
    "My dad beats me",
    "I am frightened of my foster dad",
    "someone touched me and I didn't like it",
    "I think about suicide",
    "I ran away last night because of him",
    "I feel like ending my life",
    "There is no food in the house",
    "they kicked me out and I have nowhere to sleep",
    "I took an overdose last week",
    "He said he would hurt my mum",
    "I'm being abused",
)
ORDINARY = (
    "this delay is killing me",
    "My social worker never replies to emails",
    "The leaving care grant was late",
    "I want a new social worker",
    "Nobody came to the meeting",
    "my pathway plan is out of date",
    "The bins were not collected",
    "I am unhappy with the contact arrangements",
    "They did not pay my allowance on time",
    "This is the third time I have asked",
    "I am dying to know what happens next",
    "The hitch was the paperwork",
    "She said this in a meeting",
    "I have been waiting since March for a reply",
    "The review was cancelled twice",
    "My respite has stopped",
    "We were not told about the change of school",
    "The letterbox contact letter never arrived",
    "I hit a wall with the paperwork trying to get an answer",
    "my feelings were hurt by what was said",
)


def rates() -> tuple[float, float]:
    caught = sum(bool(suggests_danger(text)) for text in DANGEROUS)
    false_alarms = sum(bool(suggests_danger(text)) for text in ORDINARY)
    return caught / len(DANGEROUS), false_alarms / len(ORDINARY)


def test_every_dangerous_sentence_is_caught():
    missed = [text for text in DANGEROUS if not suggests_danger(text)]
    assert missed == []


def test_false_alarms_are_few_and_figures_are_reported():
    recall, false_alarm_rate = rates()
    assert recall == 1.0
    # Leaning towards alarm is deliberate ("my feelings were hurt" shows the help message); keep it rare.
    assert false_alarm_rate <= 0.15
    assert not suggests_danger("this delay is killing me")


def test_empty_and_odd_text_is_not_danger():
    assert not suggests_danger("")
    assert not suggests_danger("!!! ??? 123")
