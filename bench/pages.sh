#!/usr/bin/env bash
# Reader pages under load: `dateline serve` (granian) against nginx serving the same article
# as a static file, and gunicorn serving the same Django app, all measured in one run.
#
#   bench/pages.sh [--quick] [--articles N] [--data-dir DIR]
#
#   --quick        3 s per measurement instead of 10 s (under a minute instead of 2.5)
#   --articles N   demo stories to generate (default 10000)
#   --data-dir DIR measure an existing, migrated data folder instead of a fresh demo one
#
# Everything listens on 127.0.0.1 only, on free ports; every server is started here, in its
# own process group, and stopped by its PID when the script ends (even on Ctrl-C). Nothing is
# installed at run time except wrk and nginx through apt-get, and only when they are missing
# and we are root. Results are printed and saved under bench/results/ (not committed).
set -euo pipefail

cd "$(dirname "$0")/.."
# ROOT, BIN, NGINX, CPUS, say/die, TMP and cleanup, start_group/stop_group, free_port, waits.
source bench/lib.sh

DURATION=10s
WARMUP=2s
CONNECTIONS=32
WRK_THREADS=2
ARTICLES=10000
DATA_DIR=""

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) DURATION=3s; WARMUP=1s ;;
    --articles) ARTICLES=${2:?--articles needs a number}; shift ;;
    --data-dir) DATA_DIR=${2:?--data-dir needs a folder}; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

require_tools

ROWS=$TMP/rows.tsv
: >"$ROWS"
measure() {  # measure LABEL SERVER PGID BASE_URL PATH
  local label=$1 server=$2 pgid=$3 base=$4 path=$5 out before after
  out=$TMP/wrk-$(wc -l <"$ROWS").txt
  say "wrk $label on $server: $base$path"
  # A Python server keeps working through requests wrk gave up on; each figure starts idle.
  wait_until_idle "$base"
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$base$path" >/dev/null
  wait_until_idle "$base"
  before=$("$BIN/python" bench/cpu_seconds.py "$pgid")
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$base$path" >"$out"
  after=$("$BIN/python" bench/cpu_seconds.py "$pgid")
  printf '%s\t%s\t%s\t%s\n' "$label" "$server" "$out" \
    "$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }')" >>"$ROWS"
}
skipped() { printf '%s\t%s\t%s\t0\n' "$1" "$2" "$TMP/not-measured" >>"$ROWS"; }

# --- Data ----------------------------------------------------------------------------------
# The embedded default (SQLite in the data folder), never a DATABASE_URL from the caller's shell.
unset DATABASE_URL
export DATELINE_DEBUG=false
if [ -n "$DATA_DIR" ]; then
  export DATELINE_DATA_DIR=$DATA_DIR
  say "Using the existing data folder $DATA_DIR"
else
  export DATELINE_DATA_DIR=$TMP/data
  say "Creating a demo site with $ARTICLES articles in $DATELINE_DATA_DIR"
  "$BIN/dateline" migrate --noinput -v 0
  "$BIN/dateline" demo --articles "$ARTICLES"
fi
mapfile -t PAGES < <("$BIN/python" bench/pick_pages.py)
[ ${#PAGES[@]} -eq 3 ] || die "could not pick the pages to measure."
ARTICLE=${PAGES[0]} HOME_PAGE=${PAGES[1]} SECTION=${PAGES[2]}
STATIC_FILE=/static/admin/css/base.css

# --- dateline serve (granian) --------------------------------------------------------------
SERVE_PORT=$(free_port)
say "Starting dateline serve on 127.0.0.1:$SERVE_PORT"
start_group serve "$BIN/dateline" serve --host 127.0.0.1 --port "$SERVE_PORT"
SERVE_PID=$STARTED_PID
SERVE=http://127.0.0.1:$SERVE_PORT
wait_until_up serve "$SERVE_PID" "$SERVE/robots.txt"
SERVE_SHAPE=$(grep -o '[0-9]* worker(s) x [0-9]* threads' "$TMP/serve.log" | head -1 || true)

# --- nginx with the same article as a static file ------------------------------------------
NGINX_PORT=$(free_port)
write_static_nginx_conf "$TMP/nginx" "$NGINX_PORT"
curl -sf "$SERVE$ARTICLE" -o "$TMP/nginx/www/article.html" \
  || die "the article $ARTICLE did not answer 200 from dateline serve."
chmod 644 "$TMP/nginx/www/article.html"
say "Starting nginx on 127.0.0.1:$NGINX_PORT"
start_group nginx "$NGINX" -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf"
NGINX_PID=$STARTED_PID
wait_until_up nginx "$NGINX_PID" "http://127.0.0.1:$NGINX_PORT/article.html"

# --- Measurements --------------------------------------------------------------------------
measure "article (static HTML)" nginx "$NGINX_PID" "http://127.0.0.1:$NGINX_PORT" /article.html
measure "article" granian "$SERVE_PID" "$SERVE" "$ARTICLE"
measure "section front" granian "$SERVE_PID" "$SERVE" "$SECTION"
measure "home" granian "$SERVE_PID" "$SERVE" "$HOME_PAGE"
measure "static file" granian "$SERVE_PID" "$SERVE" "$STATIC_FILE"
# The smallest Django view: what the server itself adds to every request served by Python.
measure "robots.txt" granian "$SERVE_PID" "$SERVE" /robots.txt
stop_group "$SERVE_PID"

# --- Alternatives: granian with one thread per process, gunicorn ---------------------------
port=$(free_port)
say "Starting dateline serve --threads 1 on 127.0.0.1:$port"
start_group serve-1-thread "$BIN/dateline" serve --host 127.0.0.1 --port "$port" --threads 1 --no-worker
pid=$STARTED_PID
wait_until_up serve-1-thread "$pid" "http://127.0.0.1:$port/robots.txt"
measure "article" "granian ${CPUS}x1" "$pid" "http://127.0.0.1:$port" "$ARTICLE"
stop_group "$pid"

if [ -x "$BIN/gunicorn" ]; then
  GTHREADS=$(( 2 * CPUS + 1 > 8 ? 8 : 2 * CPUS + 1 ))  # as dateline serve picks its threads
  for shape in "sync $((2 * CPUS + 1)) 1" "gthread $CPUS $GTHREADS"; do
    read -r kind workers threads <<<"$shape"
    port=$(free_port)
    say "Starting gunicorn ($kind, $workers workers x $threads threads) on 127.0.0.1:$port"
    start_group "gunicorn-$kind" "$BIN/gunicorn" dateline.wsgi:application \
      --bind "127.0.0.1:$port" --worker-class "$kind" --workers "$workers" --threads "$threads" \
      --log-level warning
    pid=$STARTED_PID
    wait_until_up "gunicorn-$kind" "$pid" "http://127.0.0.1:$port/robots.txt"
    measure "article" "gunicorn $kind ${workers}x${threads}" "$pid" "http://127.0.0.1:$port" "$ARTICLE"
    measure "robots.txt" "gunicorn $kind ${workers}x${threads}" "$pid" "http://127.0.0.1:$port" /robots.txt
    stop_group "$pid"
  done
else
  say "gunicorn is not installed (pip install -e '.[test]'); skipping the comparison"
  skipped "article" "gunicorn"
fi

# --- Report --------------------------------------------------------------------------------
mkdir -p bench/results
REPORT=bench/results/pages-$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "Dateline reader pages, $(date -u '+%Y-%m-%d %H:%M UTC'), $CPUS CPU(s), SQLite"
  echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up)"
  echo "granian: dateline serve, ${SERVE_SHAPE:-defaults}; nginx: $CPUS worker processes"
  echo "article $ARTICLE · home $HOME_PAGE · section $SECTION · static $STATIC_FILE"
  echo
  "$BIN/python" bench/wrk_report.py "$ROWS"
} | tee "$REPORT"
echo >&2
say "Saved to $REPORT"
