"""Fixtures: a migrated database emptied after each test, a read-only one holding the demo data, and staff
signed in (`signed_in`) to the app a package's conftest names `staff_app`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from flask.testing import FlaskClient
from hypothesis import settings as hypothesis_settings
from sqlmodel import Session

from casework.demo import seed_demo
from models.db import dispose_engines, get_engine, session_scope
from settings import Settings
from tests.databases import backend, empty_all_tables, migrated_database
from tests.factories import add_staff, sign_in
from tests.needs import IN_CI
from wsgi import create_app

# The demo's live complaints are dated relative to the day they are loaded; tests fix that day.
DEMO_TODAY = date(2026, 11, 26)


# Hypothesis in CI: the same examples on every run (a red build is reproducible, a green one is not luck), and no
# example database (nothing carried from one CI run to the next). On a developer's machine it explores at random.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if IN_CI:
    hypothesis_settings.load_profile("ci")

# The only skips CI accepts: a test that belongs to the other database's run. Any other skip in CI (a missing
# browser, tool or file) fails the run (tests/needs.py); a new by-design skip is added here with its reason.
SKIPS_BY_DESIGN = {
    "advisory locks are PostgreSQL's",
    "row locks are PostgreSQL's; SQLite has one writer anyway",
    "it starts its own clusters: once per `make test` is enough",
    "run once, in the SQLite run of the suite",
    "PostgreSQL's row locks need no queue",
}


def skip_reason(report: pytest.TestReport) -> str:
    if isinstance(report.longrepr, tuple):
        return report.longrepr[2].removeprefix("Skipped: ")
    return str(report.longrepr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if IN_CI and report.skipped and not hasattr(report, "wasxfail") and skip_reason(report) not in SKIPS_BY_DESIGN:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI ({skip_reason(report)}): CI must run every test (tests/needs.py)"
    return report


# Folders whose tests never open a database: the PostgreSQL run (`make test-postgres`) leaves them out, since they
# would only repeat the SQLite run's result (the safeguarding detector's 2,000 labelled sentences, for one).
SAME_ON_EVERY_DATABASE = ("tests/intake/safeguarding/",)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if backend() != "postgresql":
        return
    root = config.rootpath
    repeats = [
        item
        for item in items
        if item.path.relative_to(root).as_posix().startswith(SAME_ON_EVERY_DATABASE)
        and "database_url" not in getattr(item, "fixturenames", ())
    ]
    if repeats:
        config.hook.pytest_deselected(items=repeats)
        items[:] = [item for item in items if item not in set(repeats)]


def make_settings(database_url: str, instance_dir, **overrides) -> Settings:
    values = {
        "environment": "test",
        "database_url": database_url,
        "secret_key": "test-secret-key-not-for-production",
        "instance_dir": instance_dir,
        "ratelimit_enabled": False,
        "mail_backend": "file",
    }
    values.update(overrides)
    return Settings(**values)


def seeded_demo_copy(name: str, tmp_path_factory) -> tuple[str, Settings]:
    """A database of its own called `name`, migrated and loaded with the demo as of DEMO_TODAY, and its settings.

    For tests that write to demo data: the shared `demo_database_url` stays read-only.
    """
    url = migrated_database(name, tmp_path_factory.mktemp(name))
    settings = make_settings(url, tmp_path_factory.mktemp(f"{name}-instance"))
    with session_scope(get_engine(url)) as session:
        seed_demo(session, settings, DEMO_TODAY)
    return url, settings


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    url = migrated_database("complaints_test", tmp_path_factory.mktemp("db"))
    yield url
    dispose_engines()


@pytest.fixture(scope="session")
def settings(database_url, tmp_path_factory) -> Settings:
    return make_settings(database_url, tmp_path_factory.mktemp("instance"))


@pytest.fixture(scope="session")
def app(settings):
    return create_app(settings)


@pytest.fixture
def clean_db(database_url) -> Iterator[str]:
    yield database_url
    empty_all_tables(database_url)


@pytest.fixture
def client(app, clean_db):
    return app.test_client()


@pytest.fixture
def db_session(clean_db) -> Iterator[Session]:
    session = Session(get_engine(clean_db), expire_on_commit=False)
    yield session
    session.rollback()
    session.close()


@pytest.fixture(scope="session")
def demo_database_url(tmp_path_factory) -> str:
    url, _settings = seeded_demo_copy("complaints_demo", tmp_path_factory)
    return url


@pytest.fixture
def demo_session(demo_database_url) -> Iterator[Session]:
    """A session on the demo data; whatever a test writes is rolled back."""
    session = Session(get_engine(demo_database_url), expire_on_commit=False)
    yield session
    session.rollback()
    session.close()


@pytest.fixture(scope="session")
def demo_app(demo_database_url, tmp_path_factory):
    return create_app(make_settings(demo_database_url, tmp_path_factory.mktemp("demo-app")))


@pytest.fixture
def staff_ids(clean_db, settings) -> dict[str, int]:
    """One staff account of every role (tests.factories.STAFF), by role; each package's `staff_app` needs them."""
    with session_scope(get_engine(clean_db)) as session:
        return add_staff(session, settings)


@pytest.fixture
def write(clean_db):
    """Run `fn(session)` in a committed transaction on the test database; returns what it returns."""

    def run(fn):
        with session_scope(get_engine(clean_db)) as session:
            return fn(session)

    return run


@pytest.fixture
def signed_in(staff_app) -> Callable[[str], FlaskClient]:
    """`signed_in("officer")`: a client signed in to `staff_app` (which has the STAFF accounts) as that role."""
    return lambda role: sign_in(staff_app, role)
