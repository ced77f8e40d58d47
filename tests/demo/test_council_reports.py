"""Another council's published report, rebuilt as data (demo/councils/bradford-2022-23), comes back from
`flask report --json` and from `ask`: received and closed at each stage, on time of those closed, teams, who
complained, the share upheld, the Ombudsman, compliments and enquiries."""

from __future__ import annotations

import json

import pytest

from casework.demo import DEMO_DIR
from queries import report_facts
from queries.answers import whole_percent
from tests.conftest import make_settings
from tests.databases import migrated_database

COUNCIL = DEMO_DIR / "councils" / "bradford-2022-23"
PUBLISHED = json.loads((COUNCIL / "figures.json").read_text(encoding="utf-8"))
AS_OF = "2023-03-31"  # the report as the council could write it at the year's end


@pytest.fixture(scope="module")
def council_app(tmp_path_factory):
    from wsgi import create_app

    url = migrated_database("bradford", tmp_path_factory.mktemp("bradford"))
    app = create_app(make_settings(url, tmp_path_factory.mktemp("bradford-instance")))
    runner = app.test_cli_runner()
    commands = [
        ["teams", "import", str(COUNCIL / "teams.csv")],
        ["import-complaints", str(COUNCIL / "complaints.csv")],
    ]
    if report_facts.feedback_table() is not None:
        commands.append(["import-feedback", str(COUNCIL / "feedback.csv")])
    for args in commands:
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    return app


@pytest.fixture(scope="module")
def report(council_app) -> dict:
    result = council_app.test_cli_runner().invoke(args=["report", "2022/23", "--json", "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def figures(report) -> dict:
    return report["figures"]


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_received_closed_and_in_time_as_published(figures, stage):
    published = PUBLISHED[f"stage{stage}"]
    key = str(stage)
    assert figures["received"][key] == published["received"]
    assert figures["closed"][key] == published["closed"]
    on_time = figures["on_time_closed"][key]
    assert on_time["of"] == published["closed"]
    assert on_time["on_time"] == published["in_time"]
    assert whole_percent(on_time["percent"]) == f"{published['in_time_pct_reported']}%"


def test_stage_1_by_team_as_published(report):
    teams = next(t for s in report["sections"] for t in s["tables"] if t["key"] == "stage-1-teams")
    assert {row["label"]: row["value"] for row in teams["rows"]} == PUBLISHED["by_team"]
    assert teams["total"]["value"] == 369


def test_young_people_and_advocates_as_published(figures):
    published = PUBLISHED["by_complainant"]
    roles = figures["stage_1_complainants"]
    assert roles["child"] + roles["care-leaver"] + roles["advocate"] == published["young_person_or_advocate"]
    assert figures["stage_1_via_advocate"] == published["of_which_via_advocate"]
    assert roles["care-leaver"] == published["of_which_historical_from_young_adults_about_time_in_care"]


def test_the_share_upheld_as_published(figures):
    assert whole_percent(figures["stage_1_closed_upheld_percent"]) == "36%"
    assert sum(figures["outcomes_closed"]["1"].values()) == 326


def test_the_ombudsman_as_published(figures):
    published, ombudsman = PUBLISHED["ombudsman"], figures["ombudsman"]
    assert ombudsman["received"] == published["complaints_received"]
    assert ombudsman["investigated"] == published["full_investigations"]
    assert ombudsman["upheld"] == published["upheld_investigations"]
    if report_facts.has_ombudsman_decisions():  # the decisions short of an investigation, and remedies
        assert ombudsman["decided"] == 16
        assert ombudsman["decisions"]["premature"] == 5
        assert ombudsman["remedy_amount"] == pytest.approx(900.0)


@pytest.mark.skipif(report_facts.feedback_table() is None, reason="feedback is recorded from issue 14 part 2")
def test_compliments_and_enquiries_as_published(figures):
    feedback = figures["feedback"]
    assert feedback["compliment"]["received"] == PUBLISHED["compliments"]
    assert feedback["enquiry"]["received"] == PUBLISHED["enquiries"]
    assert feedback["professional-complaint"]["received"] == PUBLISHED["professional_complaints"]
    assert feedback["pre-complaint"]["received"] == PUBLISHED["pre_complaints"]["received"]
    assert feedback["pre-complaint"]["closed"] == PUBLISHED["pre_complaints"]["closed"]


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("how many stage 1 complaints in 2022/23", 369),
        ("how many stage 1 complaints did we close in 2022/23", 326),
        ("how many stage 2 complaints were closed in 2022/23", 33),
        ("how many stage 3 complaints in 2022/23", 14),
    ],
)
def test_ask_gives_the_same_figures(council_app, question, value):
    result = council_app.test_cli_runner().invoke(args=["ask", "--json", "--as-of", AS_OF, question])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["value"] == value, answer["answer"]
