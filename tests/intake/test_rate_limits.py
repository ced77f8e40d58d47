"""Starting and sending are rate limited. Run in a child process: the limiter is one object shared by every
app in a process, and switching it on here must not switch it on for the rest of the suite."""

from __future__ import annotations

from tests.child_process import run_json_script

SCRIPT = """
import json, sys, tempfile
from pathlib import Path
from tests.conftest import make_settings
from wsgi import create_app

app = create_app(make_settings(sys.argv[1], Path(tempfile.mkdtemp()), ratelimit_enabled=True))
client = app.test_client()
statuses = [client.post("/api/v1/conversations").status_code for _ in range(21)]
print(json.dumps({"statuses": statuses, "last": client.post("/api/v1/conversations").get_json()}))
"""


def test_starting_too_often_is_slowed_down_kindly(tmp_path, clean_db):
    data = run_json_script(SCRIPT, clean_db, tmp_path)
    assert data["statuses"][:20] == [201] * 20
    assert data["statuses"][20] == 429
    assert data["last"]["error"]["code"] == "too_many_requests"
    assert "try again" in data["last"]["error"]["message"]
