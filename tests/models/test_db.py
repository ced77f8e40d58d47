"""The database layer keeps personal data out of error messages, which end up in the logs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from models.complaints import Complaint
from models.db import get_engine


def test_a_database_error_does_not_carry_the_values_it_was_given(clean_db):
    story = "Dana Example told me her foster carer shouts"
    with Session(get_engine(clean_db)) as session:
        session.add(Complaint(reference="CS-DUPL-0001", received_at=datetime.now(UTC), complainant_role="child"))
        session.commit()
        session.add(
            Complaint(
                reference="CS-DUPL-0001",
                received_at=datetime.now(UTC),
                complainant_role="child",
                what_happened=story,
                email="dana@example.test",
            )
        )
        with pytest.raises(IntegrityError) as raised:
            session.commit()
    assert "INSERT INTO complaint" in str(raised.value)  # the statement is still there to debug by
    assert story not in str(raised.value) and "dana@example.test" not in str(raised.value)
