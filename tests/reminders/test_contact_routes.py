"""How the complainant is told of a stage event, by the way they chose (reminders/policy.py, as data)."""

from __future__ import annotations

import pytest

from models.complaints import ContactMethod
from reminders.policy import CONTACT_ROUTES, Route, route_for


def test_every_contact_method_has_a_route():
    assert set(CONTACT_ROUTES) == {method.value for method in ContactMethod}


@pytest.mark.parametrize(
    ("method", "has_email", "has_address", "route"),
    [
        ("email", True, False, Route.EMAIL),
        ("advocate", True, True, Route.EMAIL),  # the advocate's address is the complaint's
        ("post", True, True, Route.POST),
        ("phone", True, True, Route.PHONE),
        ("none", True, True, Route.NONE),
        ("email", False, True, Route.POST),  # no email address after all: a letter
        ("email", False, False, Route.PHONE),  # nothing to write to: someone rings them
        ("post", True, False, Route.EMAIL),  # no address, but an email
    ],
)
def test_a_route_falls_back_to_what_we_can_reach(method, has_email, has_address, route):
    assert route_for(method, has_email=has_email, has_address=has_address) is route
