"""The sign-in form is rate limited per address. Run in a child process: the limiter is one object shared by
every app in a process, and switching it on here must not switch it on for the rest of the suite."""

from __future__ import annotations

from tests.child_process import run_json_script

SCRIPT = """
import json, sys, tempfile
from pathlib import Path
from tests.conftest import make_settings
from wsgi import create_app

app = create_app(make_settings(sys.argv[1], Path(tempfile.mkdtemp()), ratelimit_enabled=True))
app.config["WTF_CSRF_ENABLED"] = False
client = app.test_client()
# A different email each time: this is the limit per address (per account: tests/security/).
forms = [{"email": f"nobody{i}@example.test", "password": "wrong password!!"} for i in range(12)]
statuses = [client.post("/staff/sign-in", data=form).status_code for form in forms[:11]]
last = client.post("/staff/sign-in", data=forms[11])
page_status = client.get("/staff/sign-in").status_code
print(json.dumps({"statuses": statuses, "page": last.get_data(as_text=True), "get": page_status}))
"""


def test_sign_in_is_slowed_after_ten_tries_a_minute(tmp_path, clean_db):
    data = run_json_script(SCRIPT, clean_db, tmp_path)
    assert data["statuses"][:10] == [200] * 10
    assert data["statuses"][10] == 429
    assert "Wait a few minutes, then try again." in data["page"]
    assert data["get"] == 200  # reading the page is never limited
