"""'Not recorded' is not a group of people: never among the groups by who complained, only a last row when some
complaints did not say."""

from __future__ import annotations

from queries.engine import _role_rows
from queries.query import Grouping, Query


def test_not_recorded_comes_last_and_only_when_counted():
    query = Query(stages=(1,), group_by=Grouping.ROLE)
    rows = _role_rows(query, {"parent": 3, "not-recorded": 9, "child": 5})
    assert [row.key for row in rows][:2] == ["child", "parent"]
    assert (rows[-1].key, rows[-1].label, rows[-1].value) == ("not-recorded", "Not recorded", 9)
    assert "not-recorded" not in [row.key for row in _role_rows(query, {"parent": 3})]
