"""The sign-in form is rate limited per address. Run in a child process: the limiter is one object shared by
every app in a process, and switching it on here must not switch it on for the rest of the suite."""

from __future__ import annotations

import json
import subprocess
import sys

from settings import BASE_DIR

SCRIPT = """
import json, sys, tempfile
from pathlib import Path
from tests.conftest import make_settings
from wsgi import create_app

app = create_app(make_settings(sys.argv[1], Path(tempfile.mkdtemp()), ratelimit_enabled=True))
app.config["WTF_CSRF_ENABLED"] = False
client = app.test_client()
form = {"email": "nobody@example.test", "password": "wrong password!!"}
statuses = [client.post("/staff/sign-in", data=form).status_code for _ in range(11)]
last = client.post("/staff/sign-in", data=form)
page_status = client.get("/staff/sign-in").status_code
print(json.dumps({"statuses": statuses, "page": last.get_data(as_text=True), "get": page_status}))
"""


def test_sign_in_is_slowed_after_ten_tries_a_minute(tmp_path, clean_db):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(BASE_DIR), "INSTANCE_PATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", SCRIPT, clean_db],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["statuses"][:10] == [200] * 10
    assert data["statuses"][10] == 429
    assert "Wait a few minutes, then try again." in data["page"]
    assert data["get"] == 200  # reading the page is never limited
