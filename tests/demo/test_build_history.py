"""demo/build_history.py: the data in demo/history/ gives exactly the committed complaints.csv, every figure checked."""

from __future__ import annotations

import importlib.util
import random
import sys

import pytest

from settings import BASE_DIR

DEMO = BASE_DIR / "demo"


@pytest.fixture(scope="module")
def builder():
    # demo/ is a folder of data and scripts, not a package: load the script by its path.
    spec = importlib.util.spec_from_file_location("demo_build_history", DEMO / "build_history.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def rows(builder):
    return builder.build(random.Random(2018))


def test_the_data_builds_the_committed_csv_byte_for_byte(builder, rows):
    committed = (DEMO / "complaints.csv").read_text(encoding="utf-8")
    assert builder.as_csv(rows) == committed, "run .venv/bin/python demo/build_history.py and commit both"


def test_every_figure_holds(builder, rows):
    summary = builder.verify(rows)
    assert summary[0].startswith("2017/18: stage 1 88 (LAC 36, 41%); upheld 34, partially 22")
    assert summary[-1].startswith("168 complaints, 196 stage rows")


def test_a_figure_out_of_line_is_caught(builder, rows):
    """verify() reads the rows alone, so an outcome moved from upheld to not upheld fails the 34 upheld."""
    changed = [dict(row) for row in rows]
    first_upheld_2017 = next(
        row
        for row in changed
        if row["stage"] == "1" and row["received_on"] >= "2017-04-01" and row["outcome"] == "upheld"
    )
    first_upheld_2017["outcome"] = "not-upheld"
    with pytest.raises(AssertionError):
        builder.verify(changed)
