"""The app at start: outside tests it builds the safeguarding detector in the background, so the first answer
read for danger is not kept waiting for it."""

from __future__ import annotations

import dataclasses

from wsgi import create_app


def test_the_app_starts_the_build_outside_tests_only(settings, monkeypatch):
    started: list[str] = []
    monkeypatch.setattr("intake.safeguarding.warm_up", lambda: started.append("warm-up"))
    create_app(settings)
    assert started == []
    create_app(dataclasses.replace(settings, environment="development"))
    assert started == ["warm-up"]
