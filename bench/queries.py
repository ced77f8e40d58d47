"""Staff questions on 1,000,000 stage records: each answer checked against hand SQL, then the median time through
`ask`, and through the whole request (POST /api/v1/ask, signed in, CSRF token and all), beside the hand SQL.

    .venv/bin/python bench/queries.py                                   # SQLite only
    scripts/with-postgres.sh .venv/bin/python bench/queries.py          # SQLite, then PostgreSQL

Ten financial years (2016/17 to 2025/26) of a large multi-council deployment are generated in the database
with INSERT ... SELECT (a recursive CTE on SQLite, generate_series on PostgreSQL), in date order as a live
service writes them, then analysed (and vacuumed on PostgreSQL) as autovacuum would have done.
Every answer must equal what the hand SQL counts (the run stops if one does not: a fast wrong answer is no
result). "request" is what a member of staff waits for: the Flask request, the session, the vocabulary built for
the request, `ask` and the JSON. Goal: each question <= 1.5x its hand SQL and <= 200 ms median on PostgreSQL;
the timings are printed, never asserted. `--complaints N` makes a smaller set for a quick check.
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
from bench import machine_load  # noqa: E402
from casework.accounts import create_staff  # noqa: E402
from casework.demo import DEMO_DIR, ensure_learning_categories  # noqa: E402
from casework.directory import import_directory, parse_directory  # noqa: E402
from models.complaints import Complaint  # noqa: E402
from models.db import create_db_engine  # noqa: E402
from queries.answers import Answer  # noqa: E402
from queries.asker import Asker  # noqa: E402
from queries.vocabulary import Vocabulary  # noqa: E402
from settings import Settings  # noqa: E402
from wsgi import create_app  # noqa: E402

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


def generate(engine: Engine, complaints: int = COMPLAINTS) -> float:
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


def paired_medians(*works, repeats: int) -> list[float]:
    """Median ms of each, timed turn about so that a busy machine slows them alike."""
    for work in works:  # warm the caches and the plans
        work()
    times: list[list[float]] = [[] for _ in works]
    for _ in range(repeats):
        for work, bucket in zip(works, times, strict=True):
            started = time.perf_counter()
            work()
            bucket.append((time.perf_counter() - started) * 1000)
    return [statistics.median(bucket) for bucket in times]


def agrees(question: str, answer: Answer, rows: list[tuple], names: dict[int, str]) -> bool:
    """Whether `answer` says what the hand SQL's `rows` count (`names`: team and lesson ids -> slugs)."""
    if not answer.rows:
        if answer.unit == "percent":
            part, whole = rows[0]
            return answer.value == round(100 * part / whole, 1)
        return answer.value == rows[0][0]
    shown = {row["key"]: row["value"] for row in answer.rows if row["value"]}
    if len(rows) == 1 and len(rows[0]) == len(answer.rows):  # one row of figures side by side: a comparison
        return [row["value"] for row in answer.rows] == list(rows[0])
    counted = {names.get(key, key) if isinstance(key, int) else key: count for key, count in rows if count}
    if question.startswith("top "):  # the largest few only
        return shown.items() <= counted.items() and min(shown.values()) >= max(
            (count for key, count in counted.items() if key not in shown), default=0
        )
    return shown == counted


def web_client(url: str, instance: Path):
    """A test client signed in as an officer of an app on `url`, with the CSRF token its pages carry."""
    settings = Settings(
        environment="test",
        database_url=url,
        secret_key="bench-secret-key",
        instance_dir=instance,
        ratelimit_enabled=False,
        mail_backend="file",
    )
    password = "kettle orbit velvet ninety"
    with Session(create_db_engine(url)) as session:
        create_staff(
            session, settings, email="bench@example.test", name="Bench Officer", role="officer", password=password
        )
        session.commit()
    client = create_app(settings).test_client()
    page = client.get("/staff/sign-in").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    signed = client.post(
        "/staff/sign-in", data={"email": "bench@example.test", "password": password, "csrf_token": token}
    )
    assert signed.status_code == 302, signed.status_code
    page = client.get("/staff/ask").get_data(as_text=True)
    header = {"X-CSRFToken": page.split('<meta name="csrf-token" content="', 1)[1].split('"', 1)[0]}
    return client, header


def measure(label: str, url: str, repeats: int, complaints: int, instance: Path) -> None:
    engine = create_db_engine(url)
    migrations.upgrade(url)
    seconds = generate(engine, complaints)
    with engine.connect() as connection:
        stages = connection.execute(text("SELECT count(*) FROM stage_record")).scalar_one()
        lessons = {row[0]: row[1] for row in connection.execute(text("SELECT id, slug FROM learning_category"))}
    print(f"\n{label}: {stages:,} stage records generated in {seconds:.1f} s")
    client, header = web_client(url, instance)
    with Session(engine) as session:
        started = time.perf_counter()
        vocab = Vocabulary.from_session(session)
        vocab_ms = (time.perf_counter() - started) * 1000
        asker = Asker(session, AS_OF, vocab=vocab)
        team_ids = {slug: team.id for slug, team in vocab.teams.items()}
        names = {team_id: slug for slug, team_id in team_ids.items()}
        lac_ids = vocab.lac_team_ids(True)
        print(f"vocabulary built in {vocab_ms:.1f} ms (once per request or command)")
        print(f"{'question':<72} {'ask ms':>8} {'request':>8} {'SQL ms':>8} {'ask/SQL':>7} {'req/SQL':>7}  answer")
        for question, sql in hand_sql(engine.dialect.name, team_ids, lac_ids).items():
            answer = asker.ask(question)
            assert answer.clear, answer.answer  # a benchmark of "I'm not sure" would measure nothing
            hand = [tuple(row) for row in session.execute(text(sql)).all()]
            names_here = lessons if "reasons" in question else names
            if not agrees(question, answer, hand, names_here):
                raise SystemExit(f"WRONG ANSWER to {question!r}: {answer.value} {answer.rows} but the SQL says {hand}")

            def request(q=question):
                response = client.post("/api/v1/ask", json={"question": q}, headers=header)
                assert response.status_code == 200, response.status_code
                return response.get_json()

            if request()["value"] != answer.value:
                raise SystemExit(f"the API answers {question!r} differently from `ask`")
            ask_ms, request_ms, sql_ms = paired_medians(
                lambda q=question: asker.ask(q), request, lambda s=sql: session.execute(text(s)).all(), repeats=repeats
            )
            shown = answer.answer if len(answer.answer) < 50 else answer.answer[:47] + "..."
            print(
                f"{question:<72} {ask_ms:8.1f} {request_ms:8.1f} {sql_ms:8.1f} {ask_ms / sql_ms:7.2f} "
                f"{request_ms / sql_ms:7.2f}  {shown}"
            )
    print("every answer equals its hand SQL")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21, help="timed runs per question (median reported)")
    parser.add_argument("--complaints", type=int, default=COMPLAINTS, help="complaints to generate")
    args = parser.parse_args()
    print(machine_load())
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        measure("SQLite", f"sqlite:///{folder}/bench.sqlite3", args.repeats, args.complaints, folder)
    server = os.environ.get("TEST_DATABASE_URL")
    if server:
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text('DROP DATABASE IF EXISTS "bench_queries" WITH (FORCE)'))
            connection.execute(text('CREATE DATABASE "bench_queries"'))
        url = make_url(server).set(database="bench_queries").render_as_string(hide_password=False)
        with tempfile.TemporaryDirectory() as directory:
            measure("PostgreSQL", url, args.repeats, args.complaints, Path(directory))
        with admin.connect() as connection:
            connection.execute(text('DROP DATABASE IF EXISTS "bench_queries" WITH (FORCE)'))
        admin.dispose()
    else:
        print("\nTEST_DATABASE_URL is not set: PostgreSQL skipped (run under scripts/with-postgres.sh).")


if __name__ == "__main__":
    main()
    print(machine_load())
