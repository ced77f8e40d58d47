"""The single-file modules import-linter cannot see (it reads packages): settings.py and extensions.py.

settings.py is the floor every layer may stand on, so it imports only the standard library; extensions.py holds
the unbound Flask extensions, so it imports Flask's and nothing of ours. The packages' own contracts are in
pyproject.toml and run in `make lint` (docs/architecture.md, "Layers").
"""

from __future__ import annotations

import ast
import sys

import pytest

from settings import BASE_DIR

PROJECT = {path.parent.name for path in BASE_DIR.glob("*/__init__.py")} | {path.stem for path in BASE_DIR.glob("*.py")}


def imported_top_level_names(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_project_modules_are_found():
    assert {"models", "reminders", "intake", "casework", "queries", "settings", "extensions", "wsgi"} <= PROJECT


def test_settings_imports_only_the_standard_library():
    outside = imported_top_level_names(BASE_DIR / "settings.py") - set(sys.stdlib_module_names)
    assert outside == set()


@pytest.mark.parametrize("module", ["settings.py", "extensions.py"])
def test_settings_and_extensions_import_nothing_of_ours(module):
    assert imported_top_level_names(BASE_DIR / module) & PROJECT == set()
