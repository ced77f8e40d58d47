"""Sign-in's promises from the README, each number a literal here: 5 failures in 15 minutes per account and
address, 30 an hour per account from everywhere, 10 a minute and 50 an hour per address.

Rate limits run in a child process (tests/child_process.py says why); the limiter's clock is moved on there
instead of waiting a quarter of an hour.
"""

from __future__ import annotations

from limits import parse, parse_many

from casework.views.sign_in import SIGN_IN_LIMIT
from casework.views.sign_in_throttle import PER_ACCOUNT, PER_ACCOUNT_AND_ADDRESS
from tests.child_process import run_json_script

WINDOW = """
import json, sys, tempfile, time
from pathlib import Path
import limits.storage.memory
from models.db import get_engine, session_scope
from tests.conftest import make_settings
from tests.factories import PASSWORD, STAFF, add_staff
from wsgi import create_app

class Clock:  # the limiter's clock, moved on by the script
    offset = 0.0
    def time(self):
        return time.time() + self.offset
    def __getattr__(self, name):
        return getattr(time, name)

clock = Clock()
limits.storage.memory.time = clock
settings = make_settings(sys.argv[1], Path(tempfile.mkdtemp()), ratelimit_enabled=True)
with session_scope(get_engine(sys.argv[1])) as session:
    add_staff(session, settings)
app = create_app(settings)
app.config["WTF_CSRF_ENABLED"] = False
officer = STAFF["officer"][0]

def attempt(password, address="203.0.113.9"):
    client = app.test_client()
    return client.post("/staff/sign-in", data={"email": officer, "password": password},
                       environ_base={"REMOTE_ADDR": address}).status_code

def minutes(n):
    clock.offset += 60 * n

first = [attempt("guess number one!") for _ in range(5)]
minutes(1)
sixth = attempt("guess number one!")
minutes(13)  # 14 minutes after the first failure
at_14_minutes = attempt(PASSWORD)
minutes(1.1)  # just over 15 minutes
after_15_minutes = attempt(PASSWORD)
# Per account from everywhere: 30 failures an hour, 5 from each of 6 addresses; the 31st address waits too.
minutes(60)
spread = [attempt("guess number two!", f"198.51.100.{n // 5}") for n in range(30)]
thirty_first = attempt(PASSWORD, "192.0.2.77")
minutes(61)
an_hour_later = attempt(PASSWORD, "192.0.2.77")
print(json.dumps({"first": first, "sixth": sixth, "at_14_minutes": at_14_minutes,
                  "after_15_minutes": after_15_minutes, "spread": spread, "thirty_first": thirty_first,
                  "an_hour_later": an_hour_later}))
"""


def test_five_wrong_passwords_make_that_computer_wait_15_minutes_and_30_an_hour_slow_the_account(tmp_path, clean_db):
    data = run_json_script(WINDOW, clean_db, tmp_path)
    assert data["first"] == [200] * 5  # five wrong passwords are answered
    assert data["sixth"] == 429  # the sixth try waits
    assert data["at_14_minutes"] == 429  # even the right password, 14 minutes on
    assert data["after_15_minutes"] == 302  # after 15 minutes the right password signs in
    assert data["spread"] == [200] * 30
    assert data["thirty_first"] == 429
    assert data["an_hour_later"] == 302


def test_the_sign_in_limits_are_the_promised_ones():
    assert parse("5 per 15 minutes") == PER_ACCOUNT_AND_ADDRESS
    assert parse("30 per hour") == PER_ACCOUNT
    # Per address, whatever the account: tests/casework/test_sign_in_rate_limit.py sees the 11th in a minute refused.
    assert parse_many(SIGN_IN_LIMIT) == [parse("10 per minute"), parse("50 per hour")]
