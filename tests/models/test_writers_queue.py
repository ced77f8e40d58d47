"""SQLite writers take turns through a kernel lock (models/db.py, WritersQueue): one waiting is let in when the
writer before it is done, a thread never waits on its own turn, and a turn ends with its transaction."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from models.db import _writers_queues, get_engine, session_scope, writing
from tests.databases import backend

pytestmark = pytest.mark.skipif(backend() != "sqlite", reason="PostgreSQL's row locks need no queue")


def _queue(url: str):
    get_engine(url)
    return next(queue for path, queue in _writers_queues.items() if url.endswith(path))


def test_a_writer_waits_for_the_one_before_and_goes_in_when_it_is_done(clean_db):
    engine = writing(get_engine(clean_db))
    order: list[str] = []
    first = engine.connect()
    first.begin()
    first.execute(text("UPDATE directory_version SET version = version"))

    def second_writer():
        with session_scope(get_engine(clean_db)) as session:
            session.exec(text("SELECT 1"))
            order.append("second in")

    waiting = threading.Thread(target=second_writer)
    try:
        waiting.start()
        waiting.join(timeout=0.3)
        assert waiting.is_alive() and order == [], "the second writer should wait its turn"
        first.commit()
        # Committed, but the connection is not back in the pool: its turn lasts until it is (SQLite alone would
        # let the second writer in now).
        waiting.join(timeout=0.3)
        assert waiting.is_alive() and order == []
        order.append("first done")
    finally:
        first.close()  # the connection goes back to the pool: the turn ends
    waiting.join(timeout=5)
    assert order == ["first done", "second in"]


def test_a_thread_never_waits_on_its_own_turn(clean_db):
    queue = _queue(clean_db)
    mine, also_mine, theirs = {}, {}, {}
    queue.wait_turn(mine)
    queue.wait_turn(also_mine)  # a second writer in the same thread: straight on to SQLite's own lock
    other = threading.Thread(target=queue.wait_turn, args=(theirs,))
    other.start()
    other.join(timeout=0.3)
    assert other.is_alive(), "another thread waits while this one holds the turn"
    queue.end_turn(mine)
    other.join(timeout=5)
    assert not other.is_alive()
    queue.end_turn(theirs)
    for info in (mine, also_mine, theirs):
        queue.forget(info)


def test_a_turn_ends_with_a_rolled_back_request(clean_db):
    engine = get_engine(clean_db)
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        session.exec(text("SELECT 1"))
        raise RuntimeError("the view failed")
    done: list[str] = []

    def another_request():
        with session_scope(engine) as session:
            session.exec(text("SELECT 1"))
        done.append("in")

    other = threading.Thread(target=another_request)
    other.start()
    other.join(timeout=5)
    assert done == ["in"]
