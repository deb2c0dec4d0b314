#!/bin/sh
# A Dask scheduler and single-threaded workers on this machine for `copydesk ingest --scheduler`.
#
#   deploy/dask-cluster.sh start [WORKERS] [PORT]   # default: 2 workers, port 8786
#   deploy/dask-cluster.sh stop
#
# Logs and pid files go to ${COPYDESK_DASK_DIR:-/tmp/copydesk-dask}. Workers parse, extract and
# compute story features only; the process running `copydesk ingest` is the one that writes to the
# database, so workers need the inputs (same paths) but no database access, except with --verify,
# where each worker opens COPYDESK_DB itself to analyse a story.
set -eu
dir=${COPYDESK_DASK_DIR:-/tmp/copydesk-dask}
cmd=${1:-start}
workers=${2:-2}
port=${3:-8786}
mkdir -p "$dir"
case "$cmd" in
start)
    dask scheduler --host 127.0.0.1 --port "$port" --no-dashboard >"$dir/scheduler.log" 2>&1 &
    echo $! >"$dir/scheduler.pid"
    # the workers give up if no scheduler answers within a minute, so a failed start leaves nothing behind
    dask worker "tcp://127.0.0.1:$port" --nworkers "$workers" --nthreads 1 --no-dashboard \
        --death-timeout 60 >"$dir/workers.log" 2>&1 &
    echo $! >"$dir/workers.pid"
    python3 - "$port" "$workers" <<'EOF'
import sys
from distributed import Client

with Client(f"tcp://127.0.0.1:{sys.argv[1]}", timeout="60s") as client:
    client.wait_for_workers(int(sys.argv[2]), timeout=120)
    print(f"scheduler tcp://127.0.0.1:{sys.argv[1]} with {len(client.scheduler_info()['workers'])} workers")
EOF
    ;;
stop)
    for name in workers scheduler; do
        if [ -f "$dir/$name.pid" ]; then
            pid=$(cat "$dir/$name.pid")
            kill "$pid" 2>/dev/null || true
            # the workers close their nannies first: give them a few seconds before the scheduler goes
            for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
            rm -f "$dir/$name.pid"
        fi
    done
    ;;
*)
    echo "usage: $0 start [WORKERS] [PORT] | stop" >&2
    exit 2
    ;;
esac
