"""The team directory round-trips through its CSV, and bad files change nothing."""

from __future__ import annotations

import pytest
from sqlmodel import select

from casework.demo import DEMO_DIR
from casework.directory import DirectoryError, export_directory, import_directory, parse_directory
from models.teams import Team, TeamAlias, Worker

DEMO_TEAMS = (DEMO_DIR / "teams.csv").read_text(encoding="utf-8")


def test_demo_directory_has_the_nine_teams_of_the_design(db_session):
    counts = import_directory(db_session, parse_directory(DEMO_TEAMS))
    assert counts == {"created": 9, "updated": 0, "unchanged": 0}
    slugs = set(db_session.exec(select(Team.slug)).all())
    assert slugs == {
        "leaving-care",
        "lac-permanence-1",
        "adoption-sgo",
        "lac-adoption-permanence-2",
        "children-in-need",
        "assessments",
        "child-protection",
        "early-help",
        "children-disabilities",
    }
    lac = set(db_session.exec(select(Team.slug).where(Team.is_lac)).all())
    assert lac == {"leaving-care", "lac-permanence-1", "adoption-sgo", "lac-adoption-permanence-2"}
    priya = db_session.exec(select(Worker).where(Worker.name == "Priya Shah")).one()
    assert priya.job_title == "Personal adviser"


def test_export_then_import_changes_nothing(db_session):
    import_directory(db_session, parse_directory(DEMO_TEAMS))
    exported = export_directory(db_session)
    assert import_directory(db_session, parse_directory(exported)) == {"created": 0, "updated": 0, "unchanged": 9}
    assert export_directory(db_session) == exported


def test_a_changed_row_replaces_that_teams_aliases(db_session):
    import_directory(db_session, parse_directory(DEMO_TEAMS))
    edited = DEMO_TEAMS.replace("Care Leavers Service;18+ Team", "Care Leavers Service;18 Plus Team")
    assert import_directory(db_session, parse_directory(edited))["updated"] == 1
    texts = set(db_session.exec(select(TeamAlias.text)).all())
    assert "18 Plus Team" in texts and "18+ Team" not in texts


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("slug,name\nLeaving Care,Leaving Care\n", "line 2: slug 'Leaving Care' must be lower-case words"),
        ("slug,name\nx,X\nx,Y\n", "line 3: team x appears twice"),
        ("slug,name,is_lac\nx,X,perhaps\n", "line 2: is_lac must be yes or no"),
        ("name\nX\n", "the file has no slug column"),
        ("slug,name\nx," + "N" * 201 + "\n", "line 2: name 'NNN"),
        ("slug,name,workers\nx,X," + "W" * 201 + "\n", "line 2: worker 'WWW"),
    ],
)
def test_bad_directory_files_say_what_is_wrong(text, problem):
    with pytest.raises(DirectoryError) as error:
        parse_directory(text)
    assert any(p.startswith(problem) for p in error.value.problems), error.value.problems


def test_teams_cli_import_and_export(app, clean_db, tmp_path):
    runner = app.test_cli_runner()
    path = tmp_path / "teams.csv"
    path.write_text(DEMO_TEAMS)
    assert "9 created" in runner.invoke(args=["teams", "import", str(path)]).output
    exported = runner.invoke(args=["teams", "export"]).output
    assert exported.splitlines()[0].startswith("slug,name,public_name,is_lac")
    assert len(exported.splitlines()) == 10
    bad = tmp_path / "bad.csv"
    bad.write_text("slug,name\nBad Slug,X\n")
    result = runner.invoke(args=["teams", "import", str(bad)])
    assert result.exit_code == 1
    assert "The directory was not changed" in result.output
