"""What a sent complaint keeps of a disclosure: the flag, the categories and the safe way to reach them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from intake import disclosure
from intake.engine import ConversationContext, Engine, RouteInfo, State
from intake.submission import _complaint_from

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
ENGINE = Engine(ConversationContext(today=NOW.date(), route=lambda _text: RouteInfo(), teams=()))


def complaint_for(**answers):
    base = {"role": "child", "contact": "none", "_flagged": True, "_categories": ["self-harm", "neglect"]}
    return _complaint_from(State({**base, **answers}, "ready"), ENGINE, None, None, NOW)


@pytest.mark.parametrize(
    ("given", "safe_contact", "declined"),
    [
        ({"safe_contact": "my teacher Mrs Khan"}, "my teacher Mrs Khan", False),
        ({"safe_contact": "  07700 900123 "}, "07700 900123", False),
        ({"safe_contact": "declined"}, "", True),
        ({}, "", False),
    ],
)
def test_the_safe_way_to_reach_them(given, safe_contact, declined):
    complaint = complaint_for(**given)
    assert (complaint.safe_contact, complaint.safe_contact_declined) == (safe_contact, declined)


def test_the_flag_and_categories_go_with_the_complaint():
    complaint = complaint_for()
    assert complaint.safeguarding_flag is True
    assert complaint.safeguarding_categories == ["neglect", "self-harm"]
    plain = _complaint_from(State({"role": "parent", "contact": "none"}, "ready"), ENGINE, None, None, NOW)
    assert (plain.safeguarding_flag, plain.safeguarding_categories, plain.safe_contact) == (False, [], "")


def test_alerts_name_the_kinds_of_danger_gravest_first_whatever_order_they_were_found():
    assert disclosure.labels(["feels-unsafe", "bullying", "self-harm"]) == [
        "Self-harm or suicide",
        "Serious bullying",
        "Says they do not feel safe",
    ]
