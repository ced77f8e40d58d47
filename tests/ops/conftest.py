"""Operations fixtures: an app with CSRF off and staff of every role (`staff_app`), and a way to write rows."""

from __future__ import annotations

import pytest

from models.db import get_engine
from wsgi import create_app


@pytest.fixture(scope="session")
def ops_app(settings):
    app = create_app(settings)
    app.config["WTF_CSRF_ENABLED"] = False
    return app


@pytest.fixture
def staff_app(ops_app, staff_ids):
    return ops_app


@pytest.fixture
def engine(clean_db):
    return get_engine(clean_db)
