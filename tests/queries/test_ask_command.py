"""`flask --app wsgi ask` as docs/contracts.md ("Questions") sets out."""

from __future__ import annotations

import json

ARGS = ["ask", "--as-of", "2026-11-26"]


def test_ask_json_contract(demo_app):
    result = demo_app.test_cli_runner().invoke(args=[*ARGS, "--json", "how many stage 2 complaints in 2017/18"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"question", "answer", "value", "unit", "rows", "interpretation"}
    assert data["answer"] == "There were 8 stage 2 complaints in 2017/18 (1 April 2017 to 31 March 2018)."
    assert (data["value"], data["unit"], data["rows"]) == (8, "complaints", [])
    assert data["interpretation"]["stages"] == ["2"]
    assert data["interpretation"]["period"]["label"] == "2017/18"


def test_ask_rows_have_contract_keys(demo_app):
    result = demo_app.test_cli_runner().invoke(args=[*ARGS, "--json", "stage 1 by team 2017/18"])
    data = json.loads(result.output)
    assert {tuple(row) for row in data["rows"]} == {("key", "label", "value")}
    assert {row["key"]: row["value"] for row in data["rows"]}["leaving-care"] == 9


def test_ask_percent_unit(demo_app):
    result = demo_app.test_cli_runner().invoke(args=[*ARGS, "--json", "% of stage 1 for LAC in 2017/18"])
    data = json.loads(result.output)
    assert (data["value"], data["unit"]) == (40.9, "percent")
    assert "36 of 88" in data["answer"]


def test_ask_stdin_one_json_line_per_question(demo_app):
    questions = "stage 2 2017/18\nhow many in 2017\n\nstage 3 2016/17\n"
    result = demo_app.test_cli_runner().invoke(args=[*ARGS, "--json", "--stdin"], input=questions)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["value"] for line in lines] == [8, None, None, 4]
    assert lines[2]["answer"].startswith("I'm not sure what you want to know. Did you mean: ")  # an empty line
    assert lines[1]["answer"].startswith("I'm not sure what you meant by 'in 2017'")
    assert lines[1]["interpretation"]["status"] == "unclear"


def test_ask_plain_text_and_usage(demo_app):
    runner = demo_app.test_cli_runner()
    result = runner.invoke(args=[*ARGS, "stage", "2", "by", "team", "2017/18"])
    assert result.exit_code == 0
    assert "Children in Need (CIN): 2" in result.output
    assert runner.invoke(args=["ask"]).exit_code == 2
    assert runner.invoke(args=["ask", "--as-of", "26/11/2026", "stage 1"]).exit_code == 2
    assert runner.invoke(args=["ask", "--as-of", "0001-01-01", "stage 1 this year"]).exit_code == 2


def test_a_comparison_by_team_carries_both_years(demo_app):
    question = "stage 2 by team 2017/18 compared with 2016/17"
    result = demo_app.test_cli_runner().invoke(args=[*ARGS, "--json", question])
    data = json.loads(result.output)
    rows = {row["key"]: (row["value"], row.get("compare_value")) for row in data["rows"]}
    assert rows["children-in-need"] == (2, 3)
    assert rows["lac-permanence-1"] == (0, 1)
    assert data["answer"].endswith(
        "compared with 12 in 2016/17 (1 April 2016 to 31 March 2017). The table shows them by team."
    )
