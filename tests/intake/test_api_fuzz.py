"""Whatever JSON arrives as an answer, the API replies with a 2xx or a 4xx and a message: never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import load_directory
from tests.intake.drivers import ApiDriver

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=300),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=6,
)
STEPS = st.sampled_from(["role", "about", "what_happened", "when", "email", "check", "", "💥", "<script>"])


@pytest.fixture
def api(client, db_session):
    load_directory(db_session)
    db_session.commit()
    return ApiDriver(client)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.fixed_dictionaries({"answer": json_values}, optional={"step": json_values | STEPS}) | json_values)
def test_any_body_gets_a_clear_reply(api, body):
    response = api.post("/answers", json=body)
    assert response.status_code < 500
    data = response.get_json()
    if response.status_code >= 400:
        assert data["error"]["code"] and data["error"]["message"]
    else:
        assert "transcript" in data
