"""One database session per request, committed in one place after the view succeeds.

Views and logic never commit: they add and flush. A response with an error status rolls back,
so a refused form leaves nothing half-written.
"""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy.engine import Engine
from sqlmodel import Session

from models.db import get_engine, writing
from models.lengths import ValueTooLong
from web.errors import too_long_response

# Requests that only read: a public page or the conversation read back. Everything else may write (a staff page
# audits every view of a complaint), so its transaction takes SQLite's write lock at the start (models.db.writing).
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def init_app(app: Flask, database_url: str) -> None:
    app.extensions["db_engine"] = get_engine(database_url)
    app.extensions["db_writer"] = writing(app.extensions["db_engine"])
    app.after_request(_commit)
    app.teardown_appcontext(_close)


def engine() -> Engine:
    return current_app.extensions["db_engine"]


def _reads_only() -> bool:
    return has_request_context() and request.method in READ_METHODS and not request.path.startswith("/staff")


def db() -> Session:
    if "db_session" not in g:
        bind = engine() if _reads_only() else current_app.extensions["db_writer"]
        g.db_session = Session(bind, expire_on_commit=False)
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
