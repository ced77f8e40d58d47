"""What a test needs from the machine (Chromium, axe-core, PostgreSQL's binaries, redis-server, a committed file).

On a developer's machine a missing tool skips the tests that need it, with the command that installs it. In CI
(`CI` set, as .ci/run and every CI service do) it fails them: a CI run that quietly skipped the browser would
report green while testing less. tests/conftest.py also fails a CI run on any skip not listed as by design.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest

IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def need(present: bool, what: str) -> None:
    """Go on when `present`; otherwise skip (a developer's machine) or fail (CI), naming `what` is missing."""
    if present:
        return
    if IN_CI:
        pytest.fail(f"{what}: CI must run these tests, not skip them", pytrace=False)
    pytest.skip(what)


def need_module(name: str, what: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError:
        need(False, what)
        raise  # not reached: need() skipped or failed


def missing_here(missing: bool) -> bool:
    """For `skipif` markers: skip only outside CI. In CI the test runs, and fails where the tool is missing."""
    return missing and not IN_CI
