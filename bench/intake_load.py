"""People completing whole conversations at once, against a real gunicorn, beside a bare Flask "hello".

    .venv/bin/python -m bench.intake_load [--people 50] [--seconds 30] [--think 0.5] [--postgres]

It starts gunicorn itself (2 sync workers, RATELIMIT_ENABLED=false) on a throwaway SQLite file, or with
--postgres on a throwaway PostgreSQL cluster (it re-runs itself under scripts/with-postgres.sh), loads the demo
team directory, then:

1. Ratio: the same client (16 connections, `--ratio-seconds` each) against a bare Flask "hello" served the same
   way, then reading a conversation, starting one and answering (each connection runs its own conversations).
   Requests per second, and each as a share of "hello". When `wrk` is installed, hello, read and start are also
   measured with it (the issue's own check).
2. People: N simulated people, each a thread with its own connection, each completing a whole conversation (start,
   read, every answer, send) and starting another, for `--seconds`; a pause of 0 to 2x `--think` seconds before
   each answer stands for reading and typing. Prints requests/s, p50/p95/p99 per endpoint, errors, and the
   complaints attempted, acknowledged, stored, lost and doubled (read back from the database by a marker in the
   text), and the largest worker RSS seen.

Traffic goes only to 127.0.0.1; every loop stops by itself. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import col, select

import migrations
from casework.directory import import_directory, parse_directory
from models.complaints import Complaint
from models.db import dispose_engines, get_engine, session_scope
from settings import BASE_DIR

GUNICORN = str(Path(sys.executable).parent / "gunicorn")
HOST = "127.0.0.1"
RATIO_CONNECTIONS = 16
# What a person says at each step; a step not listed gets its first option (or "not-sure").
ANSWERS = {
    "role": "child",
    "about": "my leaving care worker",
    "team_confirm": "yes",
    "when": "not-sure",
    "wanted": "A worker who calls me back",
    "advocate": "no",
    "contact": "email",
    "name": "Sam",
}


def hello_app():
    """The bare Flask figure the service is compared with: one route, no database, no templates."""
    from flask import Flask

    app = Flask("hello")

    @app.get("/")
    def hello():
        return "hello"

    return app


# -- the servers ---------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with 2 sync workers serving `target`, started and stopped by the bench."""

    def __init__(self, target: str, env: dict[str, str], workers: int = 2):
        self.port = free_port()
        self.process = subprocess.Popen(
            [GUNICORN, "--bind", f"{HOST}:{self.port}", "--workers", str(workers), "--log-level", "warning", target],
            cwd=BASE_DIR,
            env={**os.environ, **env},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", "/")
                connection.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            self.stop()
            raise SystemExit(f"gunicorn {target} did not start")
        self.settle()

    def workers(self) -> list[str]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return children.read_text().split() if children.exists() else []

    def cpu_seconds(self) -> float:
        total = 0
        for pid in self.workers():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
        return total / os.sysconf("SC_CLK_TCK")

    def settle(self, quiet: float = 0.05, limit: float = 60) -> None:
        """Wait until the workers are idle: each builds the safeguarding detector in the background when it starts
        (wsgi.create_app), a second or more of CPU that a running service pays once, not per request. Measuring
        while it runs would charge that to the first requests."""
        deadline = time.monotonic() + limit
        before = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(1)
            after = self.cpu_seconds()
            if after - before < quiet:
                return
            before = after

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.workers():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
            except OSError:
                pass
        return sizes

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# -- the client ----------------------------------------------------------------------------------------------------


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    attempted: int = 0
    acknowledged: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, other: Results) -> None:
        with self.lock:
            for name, values in other.latencies.items():
                self.latencies[name].extend(values)
            for name, count in other.errors.items():
                self.errors[name] += count
            self.attempted += other.attempted
            self.acknowledged += other.acknowledged


class Client:
    def __init__(self, port: int, results: Results):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.results = results

    def call(self, name: str, method: str, path: str, body=None, token: str | None = None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.results.errors[f"{name} connection"] += 1
            return None, None
        self.results.latencies[name].append(time.perf_counter() - started)
        if status >= 400:
            self.results.errors[f"{name} {status}"] += 1
        return status, payload


def answer_for(question: dict, marker: str) -> str:
    step = question["id"]
    if step == "what_happened":
        return f"Nobody came to the meeting about my plan. ({marker})"
    if step == "email":
        return f"person-{marker}@example.com"
    if step in ANSWERS:
        return ANSWERS[step]
    return question["options"][0]["value"] if question.get("options") else "not-sure"


def conversation(client: Client, marker: str, think: float, stop_at: float) -> None:
    """One person's whole conversation: start, read, each answer, send. Stops between steps at `stop_at`."""
    status, payload = client.call("start", "POST", "/api/v1/conversations", body={})
    if status != 201:
        return
    data = json.loads(payload)
    path, token = f"/api/v1/conversations/{data['id']}", data["token"]
    client.call("read", "GET", path, token=token)
    question = data["question"]
    for _turn in range(40):
        if question is None:
            break
        if think:
            time.sleep(random.uniform(0, 2 * think))
        if time.monotonic() >= stop_at:
            return
        status, payload = client.call(
            "answer", "POST", f"{path}/answers", {"step": question["id"], "answer": answer_for(question, marker)}, token
        )
        if status != 200:
            return
        question = json.loads(payload)["question"]
    client.results.attempted += 1
    status, _payload = client.call("send", "POST", f"{path}/submit", body={}, token=token)
    if status == 201:
        client.results.acknowledged += 1


def person(port: int, run: str, number: int, think: float, stop_at: float, total: Results) -> None:
    mine = Results()
    client = Client(port, mine)
    count = 0
    while time.monotonic() < stop_at:
        conversation(client, f"{run}-{number}-{count}", think, stop_at)
        count += 1
    total.add(mine)


def loop(port: int, kind: str, seconds: float, connections: int, token_for=None) -> Results:
    """A closed loop of `connections` clients making one kind of request as fast as the server answers."""
    total = Results()
    stop_at = time.monotonic() + seconds

    def run(index: int) -> None:
        mine = Results()
        client = Client(port, mine)
        if kind == "answer":
            while time.monotonic() < stop_at:
                conversation(client, f"ratio-{index}", 0, stop_at)
        else:
            token_id = token_for() if token_for else None
            while time.monotonic() < stop_at:
                if kind == "hello":
                    client.call("hello", "GET", "/")
                elif kind == "read":
                    client.call("read", "GET", f"/api/v1/conversations/{token_id[1]}", token=token_id[0])
                else:
                    client.call("start", "POST", "/api/v1/conversations", body={})
        total.add(mine)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return total


def rate(results: Results, name: str, connections: int) -> float:
    """Requests per second of one endpoint in a closed loop (Little's law: connections / mean latency)."""
    values = results.latencies.get(name) or []
    return connections / statistics.fmean(values) if values else 0.0


def wrk(url: str, seconds: float, method: str = "GET", token: str | None = None) -> float | None:
    if not shutil.which("wrk"):
        return None
    args = ["wrk", "-t2", f"-c{RATIO_CONNECTIONS}", f"-d{int(seconds)}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.method = "{method}"\nwrk.body = "{{}}"\nwrk.headers["Content-Type"] = "application/json"\n')
    args += ["-s", script.name]
    if token:
        args += ["-H", f"Authorization: Bearer {token}"]
    output = subprocess.run([*args, url], capture_output=True, text=True, check=False).stdout
    os.unlink(script.name)
    for line in output.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    return None


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


# -- the database --------------------------------------------------------------------------------------------------


def prepare_database(folder: Path, postgres: bool) -> str:
    if postgres:
        server = os.environ["TEST_DATABASE_URL"]
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text('DROP DATABASE IF EXISTS "intake_load"'))
            connection.execute(text('CREATE DATABASE "intake_load"'))
        admin.dispose()
        url = make_url(server).set(database="intake_load").render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{folder / 'intake_load.sqlite3'}"
    migrations.upgrade(url)
    with session_scope(get_engine(url)) as session:
        import_directory(session, parse_directory((BASE_DIR / "demo" / "teams.csv").read_text(encoding="utf-8")))
    dispose_engines()
    return url


def stored_and_doubled(url: str, run: str) -> tuple[int, int]:
    """Complaints this run made, found by the marker in their text: how many conversations, how many twice."""
    with session_scope(get_engine(url)) as session:
        texts = session.exec(
            select(Complaint.what_happened).where(col(Complaint.what_happened).contains(f"({run}-"))
        ).all()
        counts: dict[str, int] = defaultdict(int)
        for what in texts:
            counts[what] += 1
    dispose_engines()
    return len(counts), sum(1 for count in counts.values() if count > 1)


# -- the run -------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--ratio-seconds", type=float, default=8)
    parser.add_argument("--think", type=float, default=0.5, help="mean seconds before each answer")
    parser.add_argument("--postgres", action="store_true", help="on a throwaway PostgreSQL (scripts/with-postgres.sh)")
    parser.add_argument("--skip-ratio", action="store_true")
    args = parser.parse_args()
    if args.postgres and not os.environ.get("TEST_DATABASE_URL"):
        script = BASE_DIR / "scripts" / "with-postgres.sh"
        os.execv(str(script), [str(script), sys.executable, "-m", "bench.intake_load", *sys.argv[1:]])

    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        url = prepare_database(Path(folder), args.postgres)
        env = {
            "DATABASE_URL": url,
            "RATELIMIT_ENABLED": "false",
            "APP_ENV": "development",
            "SECRET_KEY": "bench-secret-key-not-for-production",
            "INSTANCE_PATH": folder,
            "MAIL_BACKEND": "file",
        }
        print(f"database: {'PostgreSQL' if args.postgres else 'SQLite (WAL)'}; gunicorn 2 sync workers")
        if not args.skip_ratio:
            ratio(args.ratio_seconds, env)
        people(args, env, url)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def ratio(seconds: float, env: dict[str, str]) -> None:
    hello = Server("bench.intake_load:hello_app()", env)
    try:
        bare = rate(loop(hello.port, "hello", seconds, RATIO_CONNECTIONS), "hello", RATIO_CONNECTIONS)
        bare_wrk = wrk(f"http://{HOST}:{hello.port}/", seconds)
    finally:
        hello.stop()
    service = Server("wsgi:create_app()", env)
    try:
        started = Client(service.port, Results()).call("start", "POST", "/api/v1/conversations", body={})[1]
        data = json.loads(started or b"{}")

        def token_for():
            return data["token"], data["id"]

        figures = {
            "read": rate(loop(service.port, "read", seconds, RATIO_CONNECTIONS, token_for), "read", RATIO_CONNECTIONS),
            "start": rate(loop(service.port, "start", seconds, RATIO_CONNECTIONS), "start", RATIO_CONNECTIONS),
            "answer": rate(loop(service.port, "answer", seconds, RATIO_CONNECTIONS), "answer", RATIO_CONNECTIONS),
        }
        base = f"http://{HOST}:{service.port}/api/v1/conversations"
        by_wrk = {
            "read": wrk(f"{base}/{data['id']}", seconds, token=data["token"]),
            "start": wrk(base, seconds, method="POST"),
        }
    finally:
        service.stop()
    print(f"\nratio, {RATIO_CONNECTIONS} connections, {seconds:g} s each (python client)")
    print(f"  bare Flask hello   {bare:8.0f} req/s")
    for name, value in figures.items():
        print(f"  {name:<18} {value:8.0f} req/s  {100 * value / bare:5.1f} % of hello")
    if bare_wrk:
        print(f"ratio with wrk (-t2 -c{RATIO_CONNECTIONS})")
        print(f"  bare Flask hello   {bare_wrk:8.0f} req/s")
        for name, found in by_wrk.items():
            if found:
                print(f"  {name:<18} {found:8.0f} req/s  {100 * found / bare_wrk:5.1f} % of hello")


def people(args, env: dict[str, str], url: str) -> None:
    service = Server("wsgi:create_app()", env)
    run = uuid.uuid4().hex[:8]
    total = Results()
    rss: list[float] = []
    try:
        stop_at = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=person, args=(service.port, run, number, args.think, stop_at, total))
            for number in range(args.people)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            rss.extend(service.worker_rss_mb())
            time.sleep(1)
        elapsed = time.perf_counter() - began
    finally:
        service.stop()
    stored, doubled = stored_and_doubled(url, run)
    requests = sum(len(values) for values in total.latencies.values())
    print(f"\n{args.people} people, {args.seconds:g} s, think 0-{2 * args.think:g} s before each answer")
    print(f"  {requests / elapsed:.0f} requests/s over {elapsed:.1f} s")
    print(f"  {'endpoint':<8} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    everything: list[float] = []
    for name in ("start", "read", "answer", "send"):
        values = total.latencies.get(name) or []
        everything += values
        if values:
            print(
                f"  {name:<8} {len(values):>6} {percentile(values, 0.5):8.0f} {percentile(values, 0.95):8.0f} "
                f"{percentile(values, 0.99):8.0f} {max(values) * 1000:8.0f}"
            )
    if everything:
        print(
            f"  {'all':<8} {len(everything):>6} {percentile(everything, 0.5):8.0f} "
            f"{percentile(everything, 0.95):8.0f} {percentile(everything, 0.99):8.0f} {max(everything) * 1000:8.0f}"
        )
    print(f"  errors: {dict(total.errors) or 'none'}")
    lost = max(0, total.acknowledged - stored)
    print(
        f"  complaints: attempted {total.attempted}, acknowledged {total.acknowledged}, stored {stored}, "
        f"lost {lost}, doubled {doubled}"
    )
    print(f"  worker RSS: max {max(rss, default=0):.0f} MB")


if __name__ == "__main__":
    main()
