#!/usr/bin/env bash
# The view beacon under load, against the article page it is sent from, in one run:
# `dateline serve` (granian) on a fresh demo site, wrk POSTing beacons (bench/beacon.lua).
#
#   bench/beacon.sh [--quick] [--articles N] [--no-redis]
#
#   --quick        3 s per measurement instead of 10 s
#   --articles N   demo stories to generate (default 2000)
#   --no-redis     skip the Redis rows (they need a Redis server on 127.0.0.1:6379)
#
# Rows: the article page (the reference), beacons from new readers (each one counted: the
# write path), beacons from one reader reloading (the dedupe path), and with Redis the same
# two again. The issue asks for a beacon at least as fast as the article page (ratio >= 1).
# Redis rows use database 14 and key prefix dateline-bench-<pid>; the script deletes its own
# counter keys at the end (dedupe keys expire by themselves within 30 minutes).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/.venv/bin
DURATION=10s
WARMUP=2s
CONNECTIONS=32
WRK_THREADS=2
ARTICLES=2000
REDIS=1

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) DURATION=3s; WARMUP=1s ;;
    --articles) ARTICLES=${2:?--articles needs a number}; shift ;;
    --no-redis) REDIS=0 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { echo "bench/beacon.sh: $*" >&2; exit 1; }

[ -x "$BIN/dateline" ] || die "no $BIN/dateline: run \`make install\` first."
command -v wrk >/dev/null 2>&1 || die "wrk is missing (apt-get install wrk)."
command -v curl >/dev/null 2>&1 || die "curl is missing (apt-get install curl)."
if [ "$REDIS" = 1 ] && ! "$BIN/python" -c 'import redis; redis.Redis(socket_timeout=1).ping()' 2>/dev/null; then
  say "No Redis on 127.0.0.1:6379: skipping the Redis rows"
  REDIS=0
fi

TMP=$(mktemp -d /tmp/dateline-beacon.XXXXXX)
GROUPS_STARTED=()
REDIS_URL_BENCH=redis://127.0.0.1:6379/14
REDIS_PREFIX=dateline-bench-$$

stop_group() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  for pid in "${GROUPS_STARTED[@]}"; do stop_group "$pid"; done
  if [ "$REDIS" = 1 ]; then
    "$BIN/python" - "$REDIS_URL_BENCH" "$REDIS_PREFIX" <<'PY' || true
import sys, redis
client = redis.Redis.from_url(sys.argv[1])
for key in client.scan_iter(match=f"{sys.argv[2]}:*"):
    client.delete(key)
PY
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_group() {
  local name=$1; shift
  setsid "$@" >"$TMP/$name.log" 2>&1 &
  STARTED_PID=$!
  GROUPS_STARTED+=("$STARTED_PID")
}

free_port() {
  "$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_until_up() {
  local name=$1 pid=$2 url=$3
  for _ in $(seq 120); do
    kill -0 "$pid" 2>/dev/null || { cat "$TMP/$name.log" >&2; die "$name exited during start-up."; }
    curl -s -o /dev/null "$url" && return 0
    sleep 0.5
  done
  cat "$TMP/$name.log" >&2
  die "$name did not answer $url within 60 s."
}

wait_until_idle() {
  local base=$1 took
  for _ in $(seq 120); do
    took=$(curl -s -o /dev/null -w '%{time_total}' "$base/robots.txt" || echo 9)
    awk -v t="$took" 'BEGIN { exit !(t < 0.1) }' && return 0
    sleep 0.5
  done
  say "warning: $base still busy after 60 s; the next figure may be low"
}

ROWS=$TMP/rows.tsv
: >"$ROWS"
measure() {  # measure LABEL SERVER PGID BASE_URL PATH [wrk options...]
  local label=$1 server=$2 pgid=$3 base=$4 path=$5 out before after
  shift 5
  out=$TMP/wrk-$(wc -l <"$ROWS").txt
  say "wrk $label on $server: $base$path"
  wait_until_idle "$base"
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" "$base$path" >/dev/null
  wait_until_idle "$base"
  before=$("$BIN/python" bench/cpu_seconds.py "$pgid")
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$@" "$base$path" >"$out"
  after=$("$BIN/python" bench/cpu_seconds.py "$pgid")
  printf '%s\t%s\t%s\t%s\n' "$label" "$server" "$out" \
    "$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }')" >>"$ROWS"
}

views_of() {  # views_of ARTICLE_ID: the count in the database
  "$BIN/python" -c "
import django, sys; django.setup()
from dateline.analytics.readership import total_views; print(total_views(int(sys.argv[1])))" "$1"
}

unset DATABASE_URL DATELINE_REDIS_URL
export DATELINE_DEBUG=false DJANGO_SETTINGS_MODULE=dateline.settings
export DATELINE_DATA_DIR=$TMP/data
say "Creating a demo site with $ARTICLES articles in $DATELINE_DATA_DIR"
"$BIN/dateline" migrate --noinput -v 0
"$BIN/dateline" demo --articles "$ARTICLES" >/dev/null
mapfile -t PAGES < <("$BIN/python" bench/pick_pages.py)
ARTICLE=${PAGES[0]:?could not pick an article}
ARTICLE_ID=$(echo "$ARTICLE" | sed -E 's#.*/news/([0-9]+)-.*#\1#')
BEACON=/beacon/view/$ARTICLE_ID/
CPUS=$(nproc)

serve() {  # serve NAME [env assignments...]: starts dateline serve, sets SERVE_PID and SERVE
  local name=$1 port; shift
  port=$(free_port)
  say "Starting dateline serve ($name) on 127.0.0.1:$port"
  start_group "$name" env "$@" "$BIN/dateline" serve --host 127.0.0.1 --port "$port"
  SERVE_PID=$STARTED_PID
  SERVE=http://127.0.0.1:$port
  wait_until_up "$name" "$SERVE_PID" "$SERVE/robots.txt"
}

serve database
measure "article page" granian "$SERVE_PID" "$SERVE" "$ARTICLE"
measure "beacon, new readers (database)" granian "$SERVE_PID" "$SERVE" "$BEACON" \
  -s bench/beacon.lua
COUNTED_DB=$(views_of "$ARTICLE_ID")
BEACON_READERS=same measure "beacon, one reader reloading (database)" granian "$SERVE_PID" \
  "$SERVE" "$BEACON" -s bench/beacon.lua
stop_group "$SERVE_PID"

if [ "$REDIS" = 1 ]; then
  serve redis DATELINE_REDIS_URL="$REDIS_URL_BENCH" DATELINE_VIEWS_REDIS_PREFIX="$REDIS_PREFIX:views"
  measure "beacon, new readers (Redis)" granian "$SERVE_PID" "$SERVE" "$BEACON" -s bench/beacon.lua
  BEACON_READERS=same measure "beacon, one reader reloading (Redis)" granian "$SERVE_PID" \
    "$SERVE" "$BEACON" -s bench/beacon.lua
  stop_group "$SERVE_PID"
fi

mkdir -p bench/results
REPORT=bench/results/beacon-$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "Dateline view beacon, $(date -u '+%Y-%m-%d %H:%M UTC'), $CPUS CPU(s), SQLite"
  echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up)"
  echo "article $ARTICLE · beacon POST $BEACON · views counted in the database: $COUNTED_DB"
  echo
  (cd bench && "$BIN/python" beacon_report.py "$ROWS")
} | tee "$REPORT"
say "Saved to $REPORT"
