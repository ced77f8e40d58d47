"""`ask` about safeguarding flags: complaints flagged, counted by the day received, and by kind of danger."""

from __future__ import annotations

from datetime import date

from queries.asker import Asker
from tests.factories import add_complaint, add_staff

AS_OF = date(2026, 11, 26)  # financial year 2026/27


def test_flags_this_year_last_year_and_by_kind(db_session, settings):
    add_staff(db_session, settings)
    kinds = {
        "CS-FLAG-0001": (date(2026, 5, 1), ["neglect", "physical-harm"]),
        "CS-FLAG-0002": (date(2026, 9, 1), ["physical-harm"]),
        "CS-FLAG-0003": (date(2026, 10, 1), []),  # flagged before kinds were recorded
        "CS-FLAG-0004": (date(2025, 6, 1), ["self-harm"]),  # last year
    }
    for reference, (received, categories) in kinds.items():
        complaint = add_complaint(db_session, reference=reference, team=None, received=received, safeguarding=True)
        complaint.safeguarding_categories = categories
    add_complaint(db_session, reference="CS-PLAIN-001", team="leaving-care", received=date(2026, 6, 1))
    db_session.flush()
    asker = Asker(db_session, AS_OF)

    this_year = asker.ask("how many safeguarding flags this year")
    assert this_year.value == 3
    assert any(
        "counted once each by the day the complaint was received" in n for n in this_year.interpretation["notes"]
    )
    assert this_year.interpretation["filters"]["safeguarding"] is True
    assert asker.ask("how many safeguarding flags last year").value == 1
    assert asker.ask("what percentage of complaints were flagged for safeguarding this year").value == 75.0

    by_kind = asker.ask("safeguarding flags by category this year")
    assert by_kind.value == 3  # complaints, not flags: one complaint can name two kinds
    rows = {row["key"]: row["value"] for row in by_kind.rows}
    assert rows["physical-harm"] == 2 and rows["neglect"] == 1 and rows["not-recorded"] == 1 and rows["fgm"] == 0
    assert by_kind.interpretation["group_by"] == "danger"
