"""Finding: rate limits were counted per gunicorn worker (2 workers: 20 sign-ins a minute, not 10).

Two real gunicorn workers share a real redis-server (the store `make run` starts, and production's
RATELIMIT_STORAGE_URI); 30 sign-ins from one address in a minute get exactly the documented 10 through.
"""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from casework.views.sign_in import SIGN_IN_LIMIT
from tests.security.servers import gunicorn, redis_server

ATTEMPTS = 30
ALLOWED_PER_MINUTE = 10
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _browser():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _status(opener, request) -> int:
    try:
        with opener.open(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _sign_in_once(base: str, attempt: int) -> int:
    """One attempt as a browser makes it: the form (for its CSRF token), then a wrong password.

    A different email each time: the limit per address is what is counted here, not the one per account."""
    opener = _browser()
    with opener.open(f"{base}/staff/sign-in", timeout=20) as page:
        token = CSRF.search(page.read().decode())
    assert token is not None
    form = urllib.parse.urlencode(
        {"csrf_token": token.group(1), "email": f"nobody{attempt}@example.test", "password": "not the password"}
    ).encode()
    return _status(opener, urllib.request.Request(f"{base}/staff/sign-in", data=form, method="POST"))


def test_the_sign_in_limit_holds_across_two_workers(clean_db, tmp_path):
    assert SIGN_IN_LIMIT.startswith(f"{ALLOWED_PER_MINUTE} per minute")
    log = tmp_path / "access.log"
    with redis_server(tmp_path) as storage:
        env = {
            "APP_ENV": "test",
            "DATABASE_URL": clean_db,
            "SECRET_KEY": "two-workers-share-this-key",
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "RATELIMIT_ENABLED": "true",
            "RATELIMIT_STORAGE_URI": storage,
        }
        # Several at once, each on its own connection, so both workers answer some.
        with gunicorn(env, workers=2, log=log) as base, ThreadPoolExecutor(max_workers=6) as pool:
            statuses = list(pool.map(lambda attempt: _sign_in_once(base, attempt), range(ATTEMPTS)))
    assert statuses.count(200) == ALLOWED_PER_MINUTE, statuses
    assert statuses.count(429) == ATTEMPTS - ALLOWED_PER_MINUTE, statuses
    lines = log.read_text().split("\n")
    workers = {line.split()[0] for line in lines if line.endswith(" 429") or line.endswith(" 200")}
    assert len(workers) == 2, "both workers answered: the count is shared, not per worker"
