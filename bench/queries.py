"""Staff questions on 1,000,000 stage records: median time through `ask` beside the same aggregate as hand SQL.

    .venv/bin/python bench/queries.py                                   # SQLite only
    scripts/with-postgres.sh .venv/bin/python bench/queries.py          # SQLite, then PostgreSQL

Ten financial years (2016/17 to 2025/26) of a large multi-council deployment are generated in the database
with INSERT ... SELECT (a recursive CTE on SQLite, generate_series on PostgreSQL), in date order as a live
service writes them, then analysed (and vacuumed on PostgreSQL) as autovacuum would have done.
Goal: each question <= 1.5x its hand SQL and <= 200 ms median on PostgreSQL. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import AutoString, Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import migrations  # noqa: E402  (the project root is put on the path just above)
from casework.demo import DEMO_DIR, ensure_learning_categories  # noqa: E402
from casework.directory import import_directory, parse_directory  # noqa: E402
from models.complaints import Complaint  # noqa: E402
from models.db import create_db_engine  # noqa: E402
from queries.asker import Asker  # noqa: E402
from queries.vocabulary import Vocabulary  # noqa: E402

AS_OF = date(2026, 3, 31)
YEAR = ("2019-04-01", "2020-03-31")  # the financial year most questions ask about
LAST_YEAR = ("2018-04-01", "2019-03-31")
COMPLAINTS = 848_789
# Every complaint has a stage 1; one in 7 goes on to stage 2, one in 34 to stage 3, one in 170 to the Ombudsman:
# 1,000,000 stage records in all.
EVERY = {1: 1, 2: 7, 3: 34, 4: 170}
ROLES = ("child", "care-leaver", "parent", "foster-carer", "guardian-adopter", "advocate", "other")


def _complaint_columns(dialect: str, n: str) -> tuple[list[str], list[str]]:
    """Every NOT NULL column of `complaint` with a value made from the row number `n`."""
    special = {
        "reference": f"'B-' || {n}",
        "received_at": "'2016-04-01 12:00:00'" if dialect == "sqlite" else "TIMESTAMPTZ '2016-04-01 12:00:00+00'",
        "complainant_role": "CASE " + " ".join(f"WHEN {n} % 7 = {i} THEN '{r}'" for i, r in enumerate(ROLES)) + " END",
        "channel": "'imported'",
        "contact_method": "'none'",
        "routing_decision": "'imported'",
        "status": "'closed'",
        "created_at": "'2026-01-01 00:00:00'" if dialect == "sqlite" else "TIMESTAMPTZ '2026-01-01 00:00:00+00'",
        "safeguarding_categories": "'[]'" if dialect == "sqlite" else "'[]'::json",  # no kinds of danger
        "rejected_teams": "'[]'" if dialect == "sqlite" else "'[]'::json",  # no team handed it back
        "procedure": "'statutory'",
    }
    names, values = [], []
    for column in Complaint.__table__.columns:
        if column.primary_key or column.nullable:
            continue
        names.append(column.name)
        if column.name in special:
            values.append(special[column.name])
        elif isinstance(column.type, AutoString) or column.type.python_type is str:
            values.append("''")
        elif column.type.python_type is bool:
            values.append("false")
        elif column.type.python_type is int:
            values.append("0")
        elif column.type.python_type is datetime:
            values.append(special["created_at"])
        else:
            raise ValueError(f"no bench value for complaint.{column.name}")
    return names, values


def _series(dialect: str, count: int) -> str:
    if dialect == "sqlite":
        return f"(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {count}) SELECT n FROM s)"
    return f"(SELECT generate_series(1, {count}) AS n)"


def _day(dialect: str, offset: str) -> str:
    if dialect == "sqlite":
        return f"date('2016-04-01', '+' || ({offset}) || ' days')"
    return f"(DATE '2016-04-01' + ({offset})::int)"


def _plus(dialect: str, day: str, days: str) -> str:
    if dialect == "sqlite":
        return f"date({day}, '+' || ({days}) || ' days')"
    return f"({day} + ({days})::int)"


def generate(engine: Engine) -> float:
    """Teams, learning categories, 848,789 complaints and 1,000,000 stage records; returns seconds taken."""
    started = time.perf_counter()
    dialect = engine.dialect.name
    with Session(engine) as session:
        import_directory(session, parse_directory((DEMO_DIR / "teams.csv").read_text(encoding="utf-8")))
        ensure_learning_categories(session)
        session.commit()
    names, values = _complaint_columns(dialect, "n")
    with engine.begin() as connection:
        if dialect == "sqlite":
            # A throwaway database: no need to wait for the disk on every page of a bulk load.
            connection.exec_driver_sql("PRAGMA synchronous=OFF")
            connection.exec_driver_sql("PRAGMA cache_size=-200000")
        team_ids = [row[0] for row in connection.execute(text("SELECT id FROM team ORDER BY id"))]
        category_ids = [row[0] for row in connection.execute(text("SELECT id FROM learning_category ORDER BY id"))]
        complaints = COMPLAINTS
        series = _series(dialect, complaints)
        connection.execute(
            text(f"INSERT INTO complaint ({', '.join(names)}) SELECT {', '.join(values)} FROM {series} AS s")
        )
        first_id = connection.execute(text("SELECT min(id) FROM complaint")).scalar_one()
        team_case = "CASE " + " ".join(f"WHEN c.id % {len(team_ids)} = {i} THEN {t}" for i, t in enumerate(team_ids))
        team_case += " END"
        outcome = "CASE c.id % 3 WHEN 0 THEN 'upheld' WHEN 1 THEN 'partially-upheld' ELSE 'not-upheld' END"
        offset = {1: 0, 2: 30, 3: 75, 4: 140}  # later stages follow the first by weeks
        for stage, every in EVERY.items():
            # Rows arrive in date order, as they do in a live service: ten years, a few days' jitter.
            day = f"(((c.id - {first_id}) * 35) / {complaints // 100}) + (c.id % 5) + {offset[stage]}"
            received = _day(dialect, day)
            due = "NULL" if stage == 4 else _plus(dialect, received, {1: "14", 2: "35", 3: "60"}[stage])
            responded = _plus(dialect, received, "(c.id % 23) + 1")
            connection.execute(
                text(
                    "INSERT INTO stage_record (complaint_id, stage, received_on, due_on, responded_on, outcome, "
                    "team_id, extension_reason, late_request_reason, response_summary) "
                    f"SELECT c.id, {stage}, {received}, {due}, {responded}, {outcome}, {team_case}, '', '', '' "
                    f"FROM complaint c WHERE c.id % {every} = 0"
                )
            )
        # Lessons on nine in ten stage 1 responses and a second lesson on one in ten, written in the order
        # responses are recorded.
        first, second = (
            "CASE "
            + " ".join(f"WHEN {expr} % {len(category_ids)} = {i} THEN {c}" for i, c in enumerate(category_ids))
            + " END"
            for expr in ("id", "(id + 1)")
        )
        connection.execute(
            text(
                "INSERT INTO stage_learning (stage_record_id, category_id) "
                f"SELECT id, category FROM (SELECT id, {first} AS category FROM stage_record "
                "WHERE stage = 1 AND id % 10 <> 0 "
                f"UNION ALL SELECT id, {second} FROM stage_record WHERE stage = 1 AND id % 10 = 5) AS lessons "
                "ORDER BY id"
            )
        )
    # A live database has been vacuumed and analysed by autovacuum; a fresh bulk load has not.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE" if dialect == "postgresql" else "ANALYZE"))
    return time.perf_counter() - started


def hand_sql(dialect: str, team_ids: dict[str, int], lac_ids: list[int]) -> dict[str, str]:
    """The aggregate each question needs, written by hand."""
    year = f"received_on BETWEEN '{YEAR[0]}' AND '{YEAR[1]}'"
    month = "strftime('%Y-%m', received_on)" if dialect == "sqlite" else "to_char(received_on, 'YYYY-MM')"
    lac = ", ".join(map(str, lac_ids))
    return {
        "how many stage 2 complaints in 2019/20": f"SELECT count(*) FROM stage_record WHERE stage = 2 AND {year}",
        "stage 1 by team in 2019/20": (
            f"SELECT team_id, count(*) FROM stage_record WHERE stage = 1 AND {year} GROUP BY team_id"
        ),
        "what percentage of stage 1 complaints were about LAC teams in 2019/20": (
            f"SELECT sum(CASE WHEN team_id IN ({lac}) THEN 1 ELSE 0 END), count(*) FROM stage_record "
            f"WHERE stage = 1 AND {year}"
        ),
        "how many stage 1 complaints for leaving care in 2019/20": (
            f"SELECT count(*) FROM stage_record WHERE stage = 1 AND {year} AND team_id = {team_ids['leaving-care']}"
        ),
        "top reasons for complaints in 2019/20": (
            "SELECT l.category_id, count(*) FROM stage_record s JOIN stage_learning l ON l.stage_record_id = s.id "
            f"WHERE s.stage = 1 AND s.{year} GROUP BY l.category_id"
        ),
        "stage 1 outcomes in 2019/20": (
            f"SELECT outcome, count(*) FROM stage_record WHERE stage = 1 AND {year} GROUP BY outcome"
        ),
        "stage 1 by month in 2019/20": (
            f"SELECT {month}, count(*) FROM stage_record WHERE stage = 1 AND {year} GROUP BY {month}"
        ),
        "percentage of stage 1 answered on time in 2019/20": (
            "SELECT sum(CASE WHEN responded_on <= due_on THEN 1 ELSE 0 END), "
            f"sum(CASE WHEN responded_on IS NOT NULL OR due_on < '{AS_OF}' THEN 1 ELSE 0 END) "
            f"FROM stage_record WHERE stage = 1 AND {year} AND due_on IS NOT NULL"
        ),
        "stage 2 in 2019/20 compared with 2018/19": (
            f"SELECT sum(CASE WHEN {year} THEN 1 ELSE 0 END), "
            f"sum(CASE WHEN received_on BETWEEN '{LAST_YEAR[0]}' AND '{LAST_YEAR[1]}' THEN 1 ELSE 0 END) "
            f"FROM stage_record WHERE stage = 2 AND received_on BETWEEN '{LAST_YEAR[0]}' AND '{YEAR[1]}'"
        ),
        "stage 1 complaints from foster carers in 2019/20": (
            "SELECT count(*) FROM stage_record s JOIN complaint c ON c.id = s.complaint_id "
            f"WHERE s.stage = 1 AND s.{year} AND c.complainant_role = 'foster-carer'"
        ),
    }


def paired_medians(first, second, repeats: int) -> tuple[float, float]:
    """Median ms of each, timed turn about so that a busy machine slows both alike."""
    first(), second()  # warm the caches and the plans
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for work, bucket in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            work()
            bucket.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def measure(label: str, url: str, repeats: int) -> None:
    engine = create_db_engine(url)
    migrations.upgrade(url)
    seconds = generate(engine)
    with engine.connect() as connection:
        stages = connection.execute(text("SELECT count(*) FROM stage_record")).scalar_one()
    print(f"\n{label}: {stages:,} stage records generated in {seconds:.1f} s")
    with Session(engine) as session:
        started = time.perf_counter()
        vocab = Vocabulary.from_session(session)
        vocab_ms = (time.perf_counter() - started) * 1000
        asker = Asker(session, AS_OF, vocab=vocab)
        team_ids = {slug: team.id for slug, team in vocab.teams.items()}
        lac_ids = vocab.lac_team_ids(True)
        print(f"vocabulary built in {vocab_ms:.1f} ms (once per request or command)")
        print(f"{'question':<72} {'ask ms':>8} {'SQL ms':>8} {'ratio':>6}  answer")
        for question, sql in hand_sql(engine.dialect.name, team_ids, lac_ids).items():
            answer = asker.ask(question)
            assert answer.clear, answer.answer  # a benchmark of "I'm not sure" would measure nothing
            ask_ms, sql_ms = paired_medians(
                lambda q=question: asker.ask(q), lambda s=sql: session.execute(text(s)).all(), repeats
            )
            shown = answer.answer if len(answer.answer) < 60 else answer.answer[:57] + "..."
            print(f"{question:<72} {ask_ms:8.1f} {sql_ms:8.1f} {ask_ms / sql_ms:6.2f}  {shown}")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21, help="timed runs per question (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        measure("SQLite", f"sqlite:///{directory}/bench.sqlite3", args.repeats)
    server = os.environ.get("TEST_DATABASE_URL")
    if server:
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text('DROP DATABASE IF EXISTS "bench_queries" WITH (FORCE)'))
            connection.execute(text('CREATE DATABASE "bench_queries"'))
        url = make_url(server).set(database="bench_queries").render_as_string(hide_password=False)
        measure("PostgreSQL", url, args.repeats)
        with admin.connect() as connection:
            connection.execute(text('DROP DATABASE IF EXISTS "bench_queries" WITH (FORCE)'))
        admin.dispose()
    else:
        print("\nTEST_DATABASE_URL is not set: PostgreSQL skipped (run under scripts/with-postgres.sh).")


if __name__ == "__main__":
    main()
