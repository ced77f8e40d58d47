"""Every stored value staff see has its words on its enum, and every page, answer and report uses them."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from casework.views.complaint_page import label_of, outcome_items
from models.complaints import ROLE_LABELS, Channel, ComplainantRole, ComplaintStatus, ContactMethod, Outcome, Stage
from models.staff import Role
from queries.engine import ROLE_LABELS as REPORT_ROLE_LABELS


@pytest.mark.parametrize("enum", [Outcome, ComplainantRole, ComplaintStatus, Channel, ContactMethod, Role, Stage])
def test_every_value_has_words(enum):
    assert all(member.label and member.label != member.value for member in enum)


def test_someone_else_is_said_one_way():
    assert ComplainantRole.OTHER.label == "Someone else"
    assert REPORT_ROLE_LABELS["other"] == "Someone else"


def test_the_outcome_choices_come_from_the_enum():
    items = outcome_items(MultiDict({"outcome": "not-upheld"}))
    assert [(item["value"], item["text"]) for item in items] == [
        ("upheld", "Upheld"),
        ("partially-upheld", "Partially upheld"),
        ("not-upheld", "Not upheld"),
    ]
    assert [item["checked"] for item in items] == [False, False, True]


def test_a_value_the_enum_does_not_know_is_shown_as_stored():
    assert label_of(ROLE_LABELS, "child") == "Child or young person"
    assert label_of(ROLE_LABELS, "pirate") == "pirate"
