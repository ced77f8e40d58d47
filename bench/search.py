"""Search over many complaints: median ms per search, beside a bare indexed lookup by reference in the same run.

    scripts/with-postgres.sh .venv/bin/python -m bench.search [--complaints 100000] [--runs 15]
    .venv/bin/python -m bench.search                       # the same on a throwaway SQLite file

On PostgreSQL (TEST_DATABASE_URL, as scripts/with-postgres.sh sets it) a fresh database, else a SQLite file: the demo
team directory, the staff accounts, then `--complaints` complaints with names, phones, emails and words taken from
the demo's complaints (so words are as common as real ones), a third of them closed with a response. The index is
built by `models.search_index.reindex` (timed). Each search runs `--runs` times after one warm-up, twice: the logic
alone (`casework.search.search`, what the page asks the database) and the whole page through the app as an officer
(Flask's test client: no network; it includes rendering and the audit event). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select, text
from sqlmodel import Session

import migrations
from casework.search import SearchCriteria, search
from models.complaints import Complaint, ComplaintStatus, StageRecord
from models.db import dispose_engines, get_engine, session_scope
from models.search_index import reindex
from models.staff import StaffUser
from models.teams import Team
from settings import BASE_DIR, Settings
from tests.databases import fresh_database
from tests.factories import add_staff, sign_in
from wsgi import create_app

LONDON = ZoneInfo("Europe/London")
FIRST = (
    "Leanne",
    "Shannon",
    "Kai",
    "Denise",
    "Wayne",
    "Aaron",
    "Courtney",
    "Connor",
    "Mason",
    "Neil",
    "Tyrese",
    "Priya",
    "Sam",
    "Jordan",
    "Casey",
    "Riley",
    "Amara",
    "Bilal",
    "Chloe",
    "Dylan",
    "Ellie",
    "Finn",
    "Grace",
    "Harvey",
    "Isla",
    "Jack",
    "Keira",
    "Liam",
    "Maya",
    "Noah",
    "Olivia",
    "Poppy",
    "Reece",
    "Sophie",
    "Tom",
    "Zara",
    "Will",
    "May",
)
LAST = (
    "Platt",
    "Reilly",
    "Brennan",
    "Harper",
    "Hurst",
    "Marsh",
    "Dyson",
    "Nolan",
    "Barker",
    "Finch",
    "Khan",
    "Patel",
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Wilson",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Hall",
    "Green",
    "Hughes",
    "Clarke",
    "Lewis",
    "Young",
    "Allen",
    "King",
    "Scott",
    "Baker",
    "Adams",
    "Hill",
    "Ward",
    "Turner",
    "Carter",
    "Moore",
    "Parker",
    "Cooper",
)


def demo_texts() -> tuple[list[str], list[str], list[str]]:
    with (BASE_DIR / "demo" / "complaints.csv").open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return (
        [row["what_happened"] for row in rows if row["what_happened"]],
        [row["wanted_outcome"] for row in rows if row["wanted_outcome"]],
        [row["response_summary"] for row in rows if row["response_summary"]],
    )


def load(url: str, settings: Settings, complaints: int) -> dict[str, str]:
    """The data; returns the searches to time (name -> words)."""
    rng = random.Random(12)
    happened, wanted, responses = demo_texts()
    today = date.today()
    with session_scope(get_engine(url)) as session:
        add_staff(session, settings)
        teams = session.execute(select(Team.id).where(Team.active)).scalars().all()
    engine = get_engine(url)
    batch = 10_000
    for start in range(0, complaints, batch):
        rows = []
        for number in range(start, min(start + batch, complaints)):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            received = datetime.combine(today - timedelta(days=number % 3650), datetime.min.time(), UTC)
            closed = number % 3 != 0
            rows.append(
                {
                    "reference": f"CS-{number // 10_000:04d}-{number % 10_000:04d}",
                    "external_id": f"HIST-{number:06d}",
                    "received_at": received,
                    "channel": "online",
                    "complainant_role": "parent",
                    "complainant_name": f"{first} {last}",
                    "email": f"{first}.{last}{number}@example.com".lower(),
                    "phone": f"07700 9{number % 100000:05d}",
                    "contact_method": "email",
                    # Two demo stories joined: the words are real ones, the mix is new.
                    "what_happened": f"{rng.choice(happened)} {rng.choice(happened)}",
                    "wanted_outcome": rng.choice(wanted),
                    "team_id": teams[number % len(teams)],
                    "status": ComplaintStatus.CLOSED.value if closed else ComplaintStatus.OPEN.value,
                    "closed_at": received + timedelta(days=20) if closed else None,
                    "routing_decision": "auto",
                    "safeguarding_categories": [],
                    "created_at": datetime.now(UTC),
                }
            )
        with engine.begin() as connection:
            ids = connection.execute(insert(Complaint).returning(Complaint.id), rows).scalars().all()
            connection.execute(
                insert(StageRecord),
                [
                    {
                        "complaint_id": complaint_id,
                        "stage": 1,
                        "received_on": row["received_at"].date(),
                        "due_on": row["received_at"].date() + timedelta(days=14),
                        "responded_on": row["received_at"].date() + timedelta(days=10) if row["closed_at"] else None,
                        "outcome": "not-upheld" if row["closed_at"] else None,
                        "response_summary": rng.choice(responses) if row["closed_at"] else "",
                        "team_id": row["team_id"],
                    }
                    for complaint_id, row in zip(ids, rows, strict=True)
                ],
            )
    return searches(url, complaints)


def searches(url: str, complaints: int) -> dict[str, str]:
    """The searches to time, aimed at the complaint in the middle of the data."""
    middle = complaints // 2
    with Session(get_engine(url)) as session:
        target = session.execute(select(Complaint).where(Complaint.external_id == f"HIST-{middle:06d}")).scalar_one()
    return {
        "reference": target.reference,
        "external id": target.external_id or "",
        "a name (1 in 1,600 share it)": target.complainant_name,
        "email": target.email,
        "phone, typed another way": "+44 " + target.phone[1:],
        "a rare word": "bursary",
        "a common word": "contact",
        "two words": "pathway plan",
        "a phrase": '"setting up home"',
        "nonsense": "zxqvbplorth",
    }


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: caches, plans
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def database_url(folder: Path, given: str) -> tuple[str, str]:
    if given:
        return given, "PostgreSQL" if given.startswith("postgresql") else "SQLite"
    if os.environ.get("TEST_DATABASE_URL"):
        return fresh_database("bench_search", folder), "PostgreSQL"
    return f"sqlite:///{folder / 'search.sqlite3'}", "SQLite"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--database-url", default="", help="an existing database to use (loaded on the first run, kept after)"
    )
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url, kind = database_url(folder, args.database_url)
        migrations.upgrade(url)
        settings = Settings(
            environment="test",
            database_url=url,
            secret_key="bench-secret-key-not-for-production",
            instance_dir=folder,
            ratelimit_enabled=False,
            mail_backend="file",
        )
        with Session(get_engine(url)) as session:
            loaded = session.execute(select(func.count()).select_from(Complaint)).scalar_one()
        if loaded:
            targets = searches(url, loaded)
            print(f"{kind}: {loaded} complaints already loaded")
        else:
            started = time.perf_counter()
            targets = load(url, settings, args.complaints)
            print(f"{kind}: loaded {args.complaints} complaints in {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            with get_engine(url).begin() as connection:
                built = reindex(connection)
            print(f"  index built for {built} complaints in {time.perf_counter() - started:.1f} s")
        if kind == "PostgreSQL":
            with get_engine(url).connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))  # as autovacuum would soon after a big load
        engine = get_engine(url)
        with Session(engine) as session:
            officer = session.execute(select(StaffUser).where(StaffUser.role == "officer")).scalar_one()

            def bare() -> None:
                session.execute(select(Complaint.id).where(Complaint.reference == targets["reference"])).scalar_one()

            print(f"  baseline: bare indexed lookup by reference   median {median_ms(bare, args.runs):7.2f} ms")
            app = create_app(settings)
            app.config["WTF_CSRF_ENABLED"] = False
            client = sign_in(app, "officer")

            def form() -> None:
                assert client.get("/staff/search").status_code == 200

            # The floor of any staff page here: sign-in checks, the layout, the form's fields; no search at all.
            print(f"  baseline: the search form alone (a page)    median {median_ms(form, args.runs):7.2f} ms")
            print(f"  {'search':<36} {'found':>7} {'logic ms':>9} {'page ms':>9}")
            page_medians = []
            for label, words in {**targets, "closed in 2020, no words": ""}.items():
                criteria = (
                    SearchCriteria(
                        query=words, status="closed", received_from=date(2020, 1, 1), received_to=date(2020, 12, 31)
                    )
                    if not words
                    else SearchCriteria(query=words)
                )

                def logic(criteria=criteria):
                    return search(session, officer, criteria, LONDON)

                result = logic()
                found = f"{result.total}{'+' if result.more else ''}"
                logic_ms = median_ms(logic, args.runs)
                path = (
                    "/staff/closed?received_from-day=1&received_from-month=1&received_from-year=2020"
                    "&received_to-day=31&received_to-month=12&received_to-year=2020"
                    if not words
                    else "/staff/search?" + urlencode({"q": words})
                )

                def page(path=path):
                    response = client.get(path)
                    assert response.status_code == 200, path

                page_ms = median_ms(page, args.runs)
                page_medians.append(page_ms)
                print(f"  {label:<36} {found:>7} {logic_ms:>9.1f} {page_ms:>9.1f}")
            print(f"  median of the pages' medians: {statistics.median(page_medians):.1f} ms (goal: 100 ms or less)")
        dispose_engines()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
