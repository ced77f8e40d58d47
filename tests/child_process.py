"""Run a test script in a child Python process and read the JSON it prints last.

Rate limits live in one limiter object per process: switching them on in the test process would switch them
on for every other test, so tests that need them run the app in a child.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from settings import BASE_DIR


def run_json_script(script: str, database_url: str, instance: Path) -> dict:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(BASE_DIR), "INSTANCE_PATH": str(instance)}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script, database_url],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])
