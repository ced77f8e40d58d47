"""The design lives in docs/, inside the repository: nothing points at notes a clone does not have, and every
link and path the docs name is there."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from settings import BASE_DIR

DOCS = BASE_DIR / "docs"
# Design notes that were never in the repository. Spelt in pieces so this file does not name them itself.
OUTSIDE = [name + ".md" for name in ("DESIGN", "CONTENT", "STYLE", "DEMO-DATA", "FACTS")] + [
    "../" + "shared",
    "shared" + "/annual-complaints-report",
]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
CODE = re.compile(r"`([^`\s]+)`")
REPO_PATH = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+/?")
DOCS_PAGE = re.compile(r"\bdocs/[a-z0-9-]+\.md\b")


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=BASE_DIR, capture_output=True, check=True).stdout
    return [BASE_DIR / name for name in listed.decode().split("\0") if name]


TRACKED = tracked_files()
TOP_LEVEL = {path.relative_to(BASE_DIR).parts[0] for path in TRACKED}
PAGES = sorted(DOCS.glob("*.md"))


def anchors(page: Path) -> set[str]:
    """GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces to hyphens."""
    found = set()
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            found.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return found


def test_the_docs_are_there():
    names = {page.name for page in PAGES}
    assert {"README.md", "architecture.md", "domain-rules.md", "content.md", "reporting.md", "contracts.md"} <= names


def test_no_tracked_file_points_outside_the_repository():
    found = []
    for path in TRACKED:
        if path.is_symlink() or not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        names = [name for name in OUTSIDE if name in text]
        relative = path.relative_to(BASE_DIR).as_posix()
        found += [f"{relative}: {name}" for name in names]
    assert found == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_link_in_the_docs_leads_somewhere(page):
    broken = []
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        path_part, _, anchor = target.partition("#")
        destination = (page.parent / path_part).resolve() if path_part else page
        unknown_anchor = anchor and destination.suffix == ".md" and anchor not in anchors(destination)
        if not destination.exists() or unknown_anchor:
            broken.append(target)
    assert broken == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_repository_path_the_docs_name_exists(page):
    missing = []
    for code in CODE.findall(page.read_text(encoding="utf-8")):
        if REPO_PATH.fullmatch(code) and code.split("/")[0] in TOP_LEVEL and not (BASE_DIR / code).exists():
            missing.append(code)
    assert missing == []


def test_every_docs_page_the_code_points_at_exists():
    missing = set()
    for path in TRACKED:
        if path.suffix in (".py", ".md", ".toml", ".yaml", ".html", ".txt", ".mjs", ".scss") and path.is_file():
            missing |= {
                name for name in DOCS_PAGE.findall(path.read_text(encoding="utf-8")) if not (BASE_DIR / name).exists()
            }
    assert missing == set()
