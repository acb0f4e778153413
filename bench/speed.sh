#!/usr/bin/env bash
# Speed and resilience, measured in one run (`make bench`; docs/performance.md):
#
#   1. hot pages (article, home, RSS feed) and the view beacon from `dateline serve` alone,
#   2. the same through the shipped nginx recipe (deploy/nginx/dateline.conf) in front of it,
#      each as a ratio to nginx serving the same bytes as a static file (for the beacon: nginx
#      answering `return 204`), with wrk, alternating so each pair shares the machine's state;
#      beside them granian running a bare WSGI callable that answers the same bytes and
#      headers (bench/bare_wsgi.py): the floor that granian and Python set under the hot path;
#   3. the breaking-news spike: ~500 req/s offered for 60 s, an edit and purge at 30 s
#      (bench/spike.py: delivered req/s, 5xx, p99, renders per purged page, time to visible);
#   4. memory: resident size of each server process at 10,000 and 100,000 requests spread
#      over 2,500 distinct pages (bench/memory.py).
#
#   bench/speed.sh [--quick] [--articles N] [--only rows|spike|memory]
#
#   --quick        3 s per wrk figure, a 10 s spike with its purge at 5 s, memory at 2,000 and
#                  10,000 requests: under five minutes instead of about fifteen
#   --articles N   demo stories to generate (default 2500; the memory run needs 2,000)
#   --only PART    run one part: the table rows, the spike or the memory run
#
# Everything listens on 127.0.0.1 on free ports, in a temporary data folder (SQLite); every
# server is started here in its own process group and stopped by its PID at the end. Prints
# one markdown table plus the spike and memory lines, and saves them with wrk's raw outputs
# under bench/results/ (not committed).
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh

DURATION=10s
WARMUP=2s
CONNECTIONS=32
WRK_THREADS=2
ARTICLES=2500
SPIKE_SECONDS=60
SPIKE_PURGE_AT=30
MEMORY_CHECKPOINTS=10000,100000
ONLY=""

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) DURATION=3s; WARMUP=1s; SPIKE_SECONDS=10; SPIKE_PURGE_AT=5
             MEMORY_CHECKPOINTS=2000,10000 ;;
    --articles) ARTICLES=${2:?--articles needs a number}; shift ;;
    --only) ONLY=${2:?--only needs rows, spike or memory}; shift
            case "$ONLY" in rows|spike|memory) ;; *) die "--only takes rows, spike or memory" ;; esac ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
runs() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }

require_tools
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RAW=bench/results/speed-$STAMP
mkdir -p "$RAW"

# --- Data ----------------------------------------------------------------------------------
# The embedded default (SQLite in the data folder), never a DATABASE_URL from the caller's shell.
unset DATABASE_URL DATELINE_REDIS_URL
export DATELINE_DEBUG=false DJANGO_SETTINGS_MODULE=dateline.settings
export DATELINE_DATA_DIR=$TMP/data
say "Creating a demo site with $ARTICLES articles in $DATELINE_DATA_DIR"
"$BIN/dateline" migrate --noinput -v 0
"$BIN/dateline" demo --articles "$ARTICLES" >/dev/null
mapfile -t PAGES < <("$BIN/python" bench/pick_pages.py)
[ ${#PAGES[@]} -eq 3 ] || die "could not pick the pages to measure."
ARTICLE=${PAGES[0]} HOME_PAGE=${PAGES[1]}
FEED=${HOME_PAGE}feeds/rss.xml
ARTICLE_ID=$(echo "$ARTICLE" | sed -E 's#.*/news/([0-9]+)-.*#\1#')
BEACON=/beacon/view/$ARTICLE_ID/

# --- Servers -------------------------------------------------------------------------------
SERVE_PORT=$(free_port)
ALT_PORT=$(free_port)
RECIPE_PORT=$(free_port)
STATIC_PORT=$(free_port)
BARE_PORT=$(free_port)
SERVE=http://127.0.0.1:$SERVE_PORT
ALT=http://127.0.0.1:$ALT_PORT
RECIPE=http://127.0.0.1:$RECIPE_PORT
STATIC=http://127.0.0.1:$STATIC_PORT
BARE=http://127.0.0.1:$BARE_PORT
# As in production behind nginx (docs/serving.md): the public address is nginx's, so a
# beacon's Origin through the recipe is the site's own.
export DATELINE_PUBLIC_URL=$RECIPE

serve() {  # serve NAME PORT [dateline serve options...]: sets SERVE_PID and SERVE_SHAPE
  local name=$1 port=$2; shift 2
  say "Starting dateline serve $* on 127.0.0.1:$port"
  start_group "$name" "$BIN/dateline" serve --host 127.0.0.1 --port "$port" "$@"
  SERVE_PID=$STARTED_PID
  wait_until_up "$name" "$SERVE_PID" "http://127.0.0.1:$port/robots.txt"
  SERVE_SHAPE=$(grep -o '[0-9]* worker(s) x [0-9]* threads' "$TMP/$name.log" | head -1 || true)
  SERVE_SHAPE=${SERVE_SHAPE/ worker(s) x /×}
  SERVE_SHAPE=${SERVE_SHAPE/ threads/}
}

warm() {  # warm BASE PATH...: each page requested until both worker processes hold it
  local base=$1 path; shift
  for path in "$@"; do
    for _ in 1 2 3 4 5 6; do curl -sf -o /dev/null "$base$path" || die "$base$path failed"; done
  done
}

ROWS=$TMP/rows.tsv
: >"$ROWS"
measure() {  # measure PAGE SERVER "PGIDS" BASE PATH [ref] [wrk options...]
  local page=$1 server=$2 pgids=$3 base=$4 path=$5 ref=${6:-} out before after
  shift 5; [ $# -gt 0 ] && shift
  out=$RAW/wrk-$(wc -l <"$ROWS").txt
  say "wrk $page on $server: $base$path"
  # A Python server keeps working through requests wrk gave up on; each figure starts idle.
  wait_until_idle "$base"
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" "$base$path" >/dev/null
  wait_until_idle "$base"
  before=$(cpu_of "$pgids")
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$@" "$base$path" >"$out"
  after=$(cpu_of "$pgids")
  printf '%s\t%s\t%s\t%s\t%s\n' "$page" "$server" "$out" \
    "$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }')" "$ref" >>"$ROWS"
}
cpu_of() {  # CPU seconds used so far by every process of the given process groups
  local total=0 pgid
  for pgid in $1; do
    total=$(awk -v t="$total" -v s="$("$BIN/python" bench/cpu_seconds.py "$pgid")" 'BEGIN { print t + s }')
  done
  echo "$total"
}

# The shipped defaults, and beside it (idle while the other is measured) one thread per
# process: the choice docs/serving.md makes is checked here, page by page.
serve alt "$ALT_PORT" --threads 1 --no-worker
ALT_PID=$SERVE_PID ALT_SHAPE=$SERVE_SHAPE
serve default "$SERVE_PORT"
DEFAULT_SHAPE=$SERVE_SHAPE

say "Starting nginx with the same pages as static files on $STATIC"
write_static_nginx_conf "$TMP/static" "$STATIC_PORT" \
  "        location = /beacon { return 204; }"
curl -sf "$SERVE$ARTICLE" -o "$TMP/static/www/article.html" || die "no $ARTICLE"
curl -sf "$SERVE$HOME_PAGE" -o "$TMP/static/www/home.html" || die "no $HOME_PAGE"
curl -sf "$SERVE$FEED" -o "$TMP/static/www/rss.xml" || die "no $FEED"
chmod 644 "$TMP/static/www/"*

# The floor under the hot path: granian, in the shape of `dateline serve`, running a bare WSGI
# callable that answers the same bytes with the same headers (bench/bare_wsgi.py).
mkdir -p "$TMP/bare"
for row in "article.html|$ARTICLE" "home.html|$HOME_PAGE" "rss.xml|$FEED"; do
  IFS='|' read -r file path <<<"$row"
  curl -sf -D "$TMP/bare/$file.headers" -o "$TMP/bare/$file" "$SERVE$path" || die "no $path"
done
BARE_WORKERS=${DEFAULT_SHAPE%%×*} BARE_THREADS=${DEFAULT_SHAPE##*×}
say "Starting granian with a bare WSGI callable (${BARE_WORKERS}×${BARE_THREADS}) on $BARE"
start_group bare env BARE_DIR="$TMP/bare" PYTHONPATH="$PWD" "$BIN/granian" --interface wsgi \
  --host 127.0.0.1 --port "$BARE_PORT" --workers "${BARE_WORKERS:-2}" \
  --blocking-threads "${BARE_THREADS:-5}" --no-ws bench.bare_wsgi:app
BARE_PID=$STARTED_PID
wait_until_up bare "$BARE_PID" "$BARE/article.html"

start_group static "$NGINX" -p "$TMP/static" -e "$TMP/static/error.log" -c "$TMP/static/nginx.conf"
STATIC_PID=$STARTED_PID
wait_until_up static "$STATIC_PID" "$STATIC/article.html"

say "Starting the shipped nginx recipe in front of dateline serve on $RECIPE"
"$BIN/python" bench/nginx_recipe.py "$TMP/recipe" --listen "$RECIPE_PORT" \
  --upstream "$SERVE_PORT" --data-dir "$DATELINE_DATA_DIR"
"$NGINX" -t -q -p "$TMP/recipe" -e "$TMP/recipe/error.log" -c "$TMP/recipe/nginx.conf" \
  || die "nginx refused the rendered recipe"
start_group recipe "$NGINX" -p "$TMP/recipe" -e "$TMP/recipe/error.log" -c "$TMP/recipe/nginx.conf"
RECIPE_PID=$STARTED_PID
wait_until_up recipe "$RECIPE_PID" "$RECIPE/robots.txt"

warm "$SERVE" "$ARTICLE" "$HOME_PAGE" "$FEED"
warm "$ALT" "$ARTICLE" "$HOME_PAGE" "$FEED"
warm "$RECIPE" "$ARTICLE" "$HOME_PAGE" "$FEED"

# --- 1 and 2: hot pages and the beacon -----------------------------------------------------
if runs rows; then
  for row in "article|$ARTICLE|article.html" "home|$HOME_PAGE|home.html" "feed|$FEED|rss.xml"; do
    IFS='|' read -r page path file <<<"$row"
    measure "$page" "nginx, static file" "$STATIC_PID" "$STATIC" "/$file" ref
    measure "$page" "granian, bare WSGI callable" "$BARE_PID" "$BARE" "/$file"
    measure "$page" "dateline serve $DEFAULT_SHAPE" "$SERVE_PID" "$SERVE" "$path"
    measure "$page" "dateline serve $ALT_SHAPE" "$ALT_PID" "$ALT" "$path"
    measure "$page" "nginx recipe → serve $DEFAULT_SHAPE" "$RECIPE_PID $SERVE_PID" "$RECIPE" "$path"
  done
  BEACON_ORIGIN=$STATIC measure "beacon" "nginx, return 204" "$STATIC_PID" "$STATIC" /beacon ref \
    -s bench/beacon_origin.lua
  BEACON_ORIGIN=$SERVE measure "beacon" "dateline serve $DEFAULT_SHAPE" "$SERVE_PID" "$SERVE" \
    "$BEACON" "" -s bench/beacon_origin.lua
  BEACON_ORIGIN=$ALT measure "beacon" "dateline serve $ALT_SHAPE" "$ALT_PID" "$ALT" "$BEACON" "" \
    -s bench/beacon_origin.lua
  BEACON_ORIGIN=$RECIPE measure "beacon" "nginx recipe → serve $DEFAULT_SHAPE" "$RECIPE_PID $SERVE_PID" \
    "$RECIPE" "$BEACON" "" -s bench/beacon_origin.lua
fi

# --- 3: the breaking-news spike, against dateline serve alone (no nginx to absorb it) -------
SPIKE_LINE="spike: not run"
if runs spike; then
  say "Breaking-news spike: ${SPIKE_SECONDS} s, edit and purge at ${SPIKE_PURGE_AT} s"
  wait_until_idle "$SERVE"
  SPIKE_LINE=$("$BIN/python" bench/spike.py "$SERVE" --duration "$SPIKE_SECONDS" \
    --purge-at "$SPIKE_PURGE_AT" --out "$RAW/spike.json" --wrk-out "$RAW/spike-wrk.txt") || true
  [ -n "$SPIKE_LINE" ] || SPIKE_LINE="spike: failed to run (see above)"
fi

# --- 4: memory, in a fresh server ----------------------------------------------------------
MEMORY_LINE="memory: not run"
if runs memory; then
  stop_group "$SERVE_PID"
  stop_group "$ALT_PID"
  serve memory "$SERVE_PORT"
  say "Memory: requests over 2,500 distinct pages, resident size at $MEMORY_CHECKPOINTS"
  MEMORY_LINE=$("$BIN/python" bench/memory.py "$SERVE" "$SERVE_PID" \
    --checkpoints "$MEMORY_CHECKPOINTS" --out "$RAW/memory.json") || true
  [ -n "$MEMORY_LINE" ] || MEMORY_LINE="memory: failed to run (see above)"
fi

# --- Report --------------------------------------------------------------------------------
cp "$TMP"/*.log "$RAW/" 2>/dev/null || true
REPORT=bench/results/speed-$STAMP.md
{
  echo "Dateline speed, $(date -u '+%Y-%m-%d %H:%M UTC'), $CPUS CPU(s), SQLite, $ARTICLES demo articles," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up);" \
    "dateline serve: ${DEFAULT_SHAPE:-defaults}; nginx: $CPUS worker processes"
  echo "article $ARTICLE · home $HOME_PAGE · feed $FEED · beacon POST $BEACON (a new reader each)"
  echo
  if [ -s "$ROWS" ]; then "$BIN/python" bench/speed_report.py "$ROWS"; echo; fi
  echo "$SPIKE_LINE"
  echo "$MEMORY_LINE"
} | tee "$REPORT"
echo >&2
say "Saved to $REPORT (raw outputs in $RAW/)"
