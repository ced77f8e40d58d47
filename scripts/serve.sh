#!/usr/bin/env bash
# What `make run` serves: gunicorn with rate limits that hold across its workers.
#
# Flask-Limiter counts in a store. Its default (memory://) is one count per process, so with 2 workers every
# limit doubled. The stores `limits` offers that processes can share are Redis, Valkey, Memcached and MongoDB;
# there is none on a file or on our database. So:
#   - RATELIMIT_STORAGE_URI set (production: redis:// or valkey://): 2 workers share it;
#   - else, with redis-server installed: a private one on a unix socket in instance/ (no port, no disk),
#     started here and stopped with gunicorn; 2 workers share it;
#   - else: ONE worker (4 threads), so the in-memory count is the only count and the limits hold.
# Usage: scripts/serve.sh [BIND]   (default 127.0.0.1:8000)
set -euo pipefail
cd "$(dirname "$0")/.."
BIND=${1:-127.0.0.1:8000}
INSTANCE=${INSTANCE_PATH:-instance}
# The access log's format (no path, no address) is in gunicorn.conf.py, which gunicorn reads from here.
mkdir -p "$INSTANCE" && chmod 700 "$INSTANCE"
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap stop EXIT INT TERM

workers=2
if [[ -z "${RATELIMIT_STORAGE_URI:-}" || "${RATELIMIT_STORAGE_URI}" == memory://* ]]; then
  if command -v redis-server >/dev/null; then
    socket="$(cd "$INSTANCE" && pwd)/ratelimit-redis.sock"
    redis-server --port 0 --unixsocket "$socket" --unixsocketperm 700 --save '' --appendonly no \
      --logfile "" --loglevel warning &
    pids+=($!)
    for _ in $(seq 50); do [[ -S "$socket" ]] && break; sleep 0.1; done
    export RATELIMIT_STORAGE_URI="redis+unix://$socket"
    echo "Rate limits: a private redis-server on $socket, shared by $workers workers"
  else
    workers=1
    echo "Rate limits: in memory, so 1 worker (install redis-server, or set RATELIMIT_STORAGE_URI, for 2)"
  fi
fi

# The reminder scheduler runs in its own process beside gunicorn; Ctrl-C stops both, and so does gunicorn exiting.
.venv/bin/flask --app wsgi scheduler &
pids+=($!)
.venv/bin/gunicorn --bind "$BIND" --workers "$workers" --threads 4 \
  --access-logfile - 'wsgi:create_app()'
