"""A throwaway redis-server on a free port, started by the test (the Debian package `redis-server`)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tests.ops.postgres_cluster import free_port

REDIS_SERVER = shutil.which("redis-server")


@contextmanager
def redis_server() -> Iterator[str]:
    """Yields redis://127.0.0.1:PORT/0 once it answers; nothing is written to disk; always stopped."""
    assert REDIS_SERVER, "redis-server not found: sudo apt-get install -y redis-server"
    port = free_port()
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
