"""Shared pieces for the queries tests: a vocabulary built from the demo directory without a database."""

from __future__ import annotations

import pytest

from casework.demo import DEMO_DIR, LEARNING_CATEGORIES
from casework.directory import parse_directory
from queries.vocabulary import TeamInfo, Vocabulary


def demo_vocabulary() -> Vocabulary:
    rows = parse_directory((DEMO_DIR / "teams.csv").read_text(encoding="utf-8"))
    teams = [TeamInfo(index, row.slug, row.name, row.is_lac) for index, row in enumerate(rows, start=1)]
    aliases = [(row.slug, kind, text) for row in rows for kind, text in row.aliases]
    aliases += [(row.slug, "worker", name) for row in rows for name, _title in row.workers]
    learning = [(index, slug, label) for index, (slug, label) in enumerate(LEARNING_CATEGORIES, start=1)]
    return Vocabulary.build(teams, aliases, learning)


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return demo_vocabulary()


@pytest.fixture(scope="session")
def web_database(tmp_path_factory):
    """The demo data plus one account per role (tests.factories.STAFF), in a database of its own (the shared demo
    one stays read-only): its URL and settings."""
    from models.db import get_engine, session_scope
    from tests.conftest import seeded_demo_copy
    from tests.factories import add_staff

    url, settings = seeded_demo_copy("queries_web", tmp_path_factory)
    with session_scope(get_engine(url)) as session:
        add_staff(session, settings, directory=False)  # the demo has the teams
    return url, settings


@pytest.fixture(scope="session")
def web_app(web_database):
    """The app on `web_database` with CSRF off, for tests that post without reading a page first."""
    from wsgi import create_app

    app = create_app(web_database[1])
    app.config["WTF_CSRF_ENABLED"] = False
    return app


@pytest.fixture(scope="session")
def web_app_with_csrf(web_database):
    """The same app with CSRF on, as in production: the browser tests use it (pages and `X-CSRFToken` alike)."""
    from wsgi import create_app

    return create_app(web_database[1])


@pytest.fixture
def staff_app(web_app):
    return web_app
