"""The eval prints figures for each split present and names mistakes for the tuning split only."""

from __future__ import annotations

import bench.safeguarding_eval as safeguarding_eval

HEADER = "text,label,voice\n"


def test_mistakes_are_listed_for_tuning_and_never_for_heldout(tmp_path, monkeypatch, capsys):
    (tmp_path / "tuning.csv").write_text(
        HEADER + "the sky is a nice colour today,self-harm,teen\nhe battered my mum,ordinary,teen\n", encoding="utf-8"
    )
    (tmp_path / "heldout.csv").write_text(
        HEADER + "the grass is green and tall,neglect,child\nmy stepdad beats me,ordinary,child\n", encoding="utf-8"
    )
    monkeypatch.setattr(safeguarding_eval, "CORPUS", tmp_path)
    monkeypatch.setattr(safeguarding_eval, "speed", lambda cases: (1.0, 0.5))  # timing is printed, not tested
    safeguarding_eval.main(["--split", "all"])
    out = capsys.readouterr().out
    assert "== tuning: 2 sentences (1 danger, 1 ordinary)" in out
    assert "== heldout: 2 sentences (1 danger, 1 ordinary)" in out
    assert "missed [self-harm]: the sky is a nice colour today" in out
    assert "false alarm (physical-harm,domestic-abuse): he battered my mum" in out
    assert "the grass is green" not in out and "my stepdad beats me" not in out
    assert "ms per 1,000 characters" in out


def test_a_missing_split_is_said_not_guessed(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(safeguarding_eval, "CORPUS", tmp_path)
    monkeypatch.setattr(safeguarding_eval, "speed", lambda cases: (1.0, 0.5))
    safeguarding_eval.main(["--split", "heldout"])
    assert "heldout.csv is not there" in capsys.readouterr().out
