# Shell functions shared by the bench/ scripts; sourced, never run.
#
#   cd "$(dirname "$0")/.." && source bench/lib.sh
#
# Gives: ROOT, BIN, NGINX, CPUS; say/die; require_tools; a scratch folder TMP removed at exit;
# start_group/stop_group (every server in its own process group, stopped by its PID at exit,
# even on Ctrl-C); free_port; wait_until_up/wait_until_idle; write_static_nginx_conf.
# Everything listens on 127.0.0.1 only. Nothing is installed at run time except wrk, nginx and
# curl through apt-get, and only when they are missing and we are root.

ROOT=$PWD
BIN=$ROOT/.venv/bin
NGINX=/usr/sbin/nginx
CPUS=$(nproc)
BENCH_SCRIPT="bench/$(basename "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { echo "$BENCH_SCRIPT: $*" >&2; exit 1; }

require_tools() {  # wrk, Debian's nginx and curl; the venv's dateline
  [ -x "$BIN/dateline" ] || die "no $BIN/dateline: run \`make install\` first."
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  [ -x "$NGINX" ] || missing+=(nginx-light)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing ${missing[*]} with apt-get"
    # RUNLEVEL=1 keeps Debian's maintainer scripts from starting a system nginx on port 80.
    apt-get update -qq
    RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    die "missing ${missing[*]}: install them (apt-get install ${missing[*]}) and run again."
  fi
}

# --- Scratch space and cleanup -------------------------------------------------------------
TMP=$(mktemp -d "/tmp/dateline-$(basename "$0" .sh).XXXXXX")
chmod 755 "$TMP"  # nginx's worker processes may run as nobody and must read the saved pages
GROUPS_STARTED=()

stop_group() {  # SIGTERM to the process group we started, SIGKILL after 15 s
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
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_group() {  # start_group NAME COMMAND...: runs it in its own process group, logs to TMP
  local name=$1; shift
  setsid "$@" >"$TMP/$name.log" 2>&1 &
  STARTED_PID=$!
  GROUPS_STARTED+=("$STARTED_PID")
}

free_port() {
  "$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_until_up() {  # wait_until_up NAME PID URL: up to 60 s
  local name=$1 pid=$2 url=$3
  for _ in $(seq 120); do
    kill -0 "$pid" 2>/dev/null || { cat "$TMP/$name.log" >&2; die "$name exited during start-up."; }
    curl -s -o /dev/null "$url" && return 0
    sleep 0.5
  done
  cat "$TMP/$name.log" >&2
  die "$name did not answer $url within 60 s."
}

wait_until_idle() {  # wait_until_idle BASE_URL: until queued requests have drained (max 60 s)
  local base=$1 took
  for _ in $(seq 120); do
    took=$(curl -s -o /dev/null -w '%{time_total}' "$base/robots.txt" || echo 9)
    awk -v t="$took" 'BEGIN { exit !(t < 0.1) }' && return 0
    sleep 0.5
  done
  say "warning: $base still busy after 60 s; the next figure may be low"
}

nginx_user_line() {  # as root, nginx would run its workers as nobody: keep our own user
  [ "$(id -u)" = 0 ] && echo "user $(id -un);"
  return 0
}

write_static_nginx_conf() {  # write_static_nginx_conf DIR PORT [EXTRA SERVER DIRECTIVES]
  # nginx serving DIR/www as static files, one worker per CPU, no access log: the reference.
  local dir=$1 port=$2 extra=${3:-}
  mkdir -p "$dir/www" "$dir/temp"
  chmod -R 755 "$dir"
  cat >"$dir/nginx.conf" <<EOF
daemon off;
$(nginx_user_line)
worker_processes $CPUS;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    types { text/html html; application/rss+xml xml; }
    sendfile on;
    server {
        listen 127.0.0.1:$port;
        root $dir/www;
$extra
    }
}
EOF
}
