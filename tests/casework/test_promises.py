"""A staff session lasts 8 hours from sign-in (the README), written here as a literal: a minute before, the
queue opens; a minute after, it asks for sign-in again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.factories import sign_in


@pytest.mark.parametrize(
    ("signed_in_ago", "status"), [(timedelta(hours=7, minutes=59), 200), (timedelta(hours=8, minutes=1), 302)]
)
def test_a_session_lasts_8_hours(casework_app, staff_ids, clock, signed_in_ago, status):
    client = sign_in(casework_app, "officer")
    clock.advance(signed_in_ago)  # casework_app reads this clock (tests/casework/conftest.py)
    assert client.get("/staff/queue").status_code == status
    assert casework_app.permanent_session_lifetime == timedelta(hours=8)  # the cookie's own expiry
