"""Adding to a complaint through the private link is rate limited (10 an hour). Run in a child process: the
limiter is one object shared by every app in a process (as tests/casework/test_sign_in_rate_limit.py says)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from models.db import get_engine
from tests.child_process import run_json_script
from tests.factories import add_complaint, load_directory, london

TOKEN = "rate-limited-status-token-" + "z" * 20
SCRIPT = """
import json, sys, tempfile
from pathlib import Path
from tests.conftest import make_settings
from wsgi import create_app

app = create_app(make_settings(sys.argv[1], Path(tempfile.mkdtemp()), ratelimit_enabled=True))
app.config["WTF_CSRF_ENABLED"] = False
client = app.test_client()
token = "TOKEN"
statuses = [client.post(f"/status/{token}/add", data={"text": f"More, part {i}"}).status_code for i in range(11)]
print(json.dumps({"statuses": statuses, "page": client.get(f"/status/{token}").status_code}))
""".replace("TOKEN", TOKEN)


def test_the_eleventh_addition_in_an_hour_is_refused(tmp_path, clean_db):
    with Session(get_engine(clean_db)) as session:
        load_directory(session)
        add_complaint(session, team="leaving-care", received=london(date(2026, 11, 26)), token=TOKEN)
        session.commit()

    data = run_json_script(SCRIPT, clean_db, tmp_path)

    assert data["statuses"] == [303] * 10 + [429]
    assert data["page"] == 200  # reading the page is never limited
