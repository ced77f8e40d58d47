"""Starting and sending are rate limited. Run in a child process: the limiter is one object shared by every
app in a process, and switching it on here must not switch it on for the rest of the suite."""

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
client = app.test_client()
statuses = [client.post("/api/v1/conversations").status_code for _ in range(21)]
print(json.dumps({"statuses": statuses, "last": client.post("/api/v1/conversations").get_json()}))
"""


def test_starting_too_often_is_slowed_down_kindly(tmp_path, clean_db):
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
    assert data["statuses"][:20] == [201] * 20
    assert data["statuses"][20] == 429
    assert data["last"]["error"]["code"] == "too_many_requests"
    assert "try again" in data["last"]["error"]["message"]
