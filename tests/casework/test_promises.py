"""A staff session lasts 8 hours from sign-in (the README), written here as a literal: a minute before, the
queue opens; a minute after, it asks for sign-in again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import sign_in
from web.auth import SIGNED_IN_AT


@pytest.mark.parametrize(
    ("signed_in_ago", "status"), [(timedelta(hours=7, minutes=59), 200), (timedelta(hours=8, minutes=1), 302)]
)
def test_a_session_lasts_8_hours(casework_app, staff_ids, signed_in_ago, status):
    client = sign_in(casework_app, "officer")
    with client.session_transaction() as session:
        session[SIGNED_IN_AT] = int((datetime.now(UTC) - signed_in_ago).timestamp())
    assert client.get("/staff/queue").status_code == status
    assert casework_app.permanent_session_lifetime == timedelta(hours=8)  # the cookie's own expiry
