"""`flask --app wsgi route`, against a database holding a small team directory."""

from __future__ import annotations

import json

import pytest

from casework.directory import import_directory, parse_directory
from models.db import get_engine, session_scope

DIRECTORY = """slug,name,is_lac,active,former_names,abbreviations,keywords,workers
leaving-care,Leaving Care,yes,yes,18+ Team,PA,pathway plan,Priya Shah (Personal adviser)
lac-permanence-1,Looked After Children (previously Permanence Service 1),yes,yes,Permanence 1,,,Sam Whitaker
lac-adoption-permanence-2,Looked After Children and Adoption (previously Permanence Service 2),yes,yes,,,,
"""


@pytest.fixture
def runner(app, clean_db):
    with session_scope(get_engine(clean_db)) as session:
        import_directory(session, parse_directory(DIRECTORY))
    return app.test_cli_runner()


def test_route_prints_the_team(runner):
    result = runner.invoke(args=["route", "my PA never rings me back"])
    assert result.exit_code == 0, result.output
    assert result.output == "Leaving Care (leaving-care), confidence 95\n"


def test_route_json_has_the_design_shape(runner):
    result = runner.invoke(args=["route", "--json", "perm 1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["decision"] == "auto"
    assert (data["team"], data["team_name"]) == (
        "lac-permanence-1",
        "Looked After Children (previously Permanence Service 1)",
    )
    assert {"text", "confidence", "candidates"} <= set(data)


def test_route_explains_triage(runner):
    result = runner.invoke(args=["route", "looked after children"])
    assert result.output.startswith("Triage (nothing in the text tells the closest teams apart): ")
    assert "lac-permanence-1" in result.output
    off_topic = runner.invoke(args=["route", "the council tax bill is wrong"])
    assert "revenues and benefits team" in off_topic.output


def test_route_stdin_answers_one_json_line_per_input_line_in_order(runner):
    lines = ["Priya Shah", "", "my bins", "pathway plan", "Sam Whitaker"]
    result = runner.invoke(args=["route", "--json", "--stdin"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines()]
    assert [a["text"] for a in answers] == lines
    assert [a["team"] for a in answers] == ["leaving-care", None, None, "leaving-care", "lac-permanence-1"]
    assert answers[2]["off_topic"]["topic"] == "waste"


@pytest.mark.parametrize("args", [["route"], ["route", "--stdin", "my PA"]])
def test_route_needs_text_or_stdin_but_not_both(runner, args):
    result = runner.invoke(args=args)
    assert result.exit_code == 2
    assert "Give" in result.output
