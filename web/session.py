"""One database session per request, committed in one place after the view succeeds.

Views and logic never commit: they add and flush. A response with an error status rolls back,
so a refused form leaves nothing half-written.
"""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.engine import Engine
from sqlmodel import Session

from models.db import get_engine
from models.lengths import ValueTooLong
from web.errors import too_long_response


def init_app(app: Flask, database_url: str) -> None:
    app.extensions["db_engine"] = get_engine(database_url)
    app.after_request(_commit)
    app.teardown_appcontext(_close)


def engine() -> Engine:
    return current_app.extensions["db_engine"]


def db() -> Session:
    if "db_session" not in g:
        g.db_session = Session(engine(), expire_on_commit=False)
    return g.db_session


def _commit(response):
    session = g.pop("db_session", None)
    if session is None:
        return response
    try:
        if response.status_code < 400:
            session.commit()
        else:
            session.rollback()
    except ValueTooLong as error:
        # A value flushed only at commit that is past its column's size (models/lengths.py): nothing is stored.
        session.rollback()
        return too_long_response(error)
    finally:
        session.close()
    return response


def _close(_exc) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.rollback()
        session.close()
