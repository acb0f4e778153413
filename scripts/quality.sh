#!/usr/bin/env bash
# `make quality`: the independent validators in ../shared/validators judge a demo site.
#
# W3C Nu (HTML), axe (WCAG 2.2 A/AA), Lighthouse, extruct (JSON-LD / Open Graph) and the feed
# and sitemap checkers run against `dateline serve` on a loopback port. axe injects its script
# inline, which our Content-Security-Policy rightly refuses, so axe reads byte-identical copies
# of the pages from a plain static server on another loopback port (same HTML, same CSS).
# Installs the validators once (shared/validators/setup.sh) when they are missing.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VALIDATORS=${VALIDATORS:-$ROOT/../shared/validators}
[ -d "$VALIDATORS" ] || { echo "quality: no validators at $VALIDATORS" >&2; exit 2; }
[ -x /opt/validators/venv/bin/python ] || bash "$VALIDATORS/setup.sh"

WORK=$(mktemp -d /tmp/dateline-quality.XXXXXX)
export DATELINE_DATA_DIR=$WORK/data
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null; done; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port); STATIC_PORT=$(free_port)
BASE=http://127.0.0.1:$PORT

.venv/bin/dateline migrate -v0 && .venv/bin/dateline demo --articles 120 -v0 >/dev/null
setsid .venv/bin/dateline serve --port "$PORT" --no-worker >"$WORK/serve.log" 2>&1 & PIDS+=($!)
for _ in $(seq 50); do curl -sf "$BASE/robots.txt" >/dev/null && break; sleep 0.2; done

HOME_HTML=$(curl -s "$BASE/en/")
first() { grep -o "href=\"$1[^\"]*\"" <<<"$HOME_HTML" | head -1 | cut -d'"' -f2; }
ARTICLE=$(first /en/news/); SECTION=$(first /en/[a-z]*/$)
PAGES=(/en/ "$ARTICLE" "${ARTICLE}print/" "${SECTION:-/en/politics/}")
AUTHOR=$(curl -s "$BASE$ARTICLE" | grep -o 'href="/en/author/[^"]*"' | head -1 | cut -d'"' -f2)
[ -n "$AUTHOR" ] && PAGES+=("$AUTHOR")
PAGES+=("/en/search/?q=council+budget")  # a results page, with the filters form
# The Azerbaijani and Russian editions: their front and the translation of the same story.
for code in az ru; do
  TRANSLATION=$(curl -s "$BASE$ARTICLE" | grep -o "hreflang=\"$code\" href=\"[^\"]*\"" | head -1 | cut -d'"' -f4)
  PAGES+=("/$code/")
  [ -n "$TRANSLATION" ] && PAGES+=("${TRANSLATION#"$BASE"}")
done

failures=0
run() { echo "--- $*"; "$@" | tail -3; [ "${PIPESTATUS[0]}" -eq 0 ] || failures=$((failures + 1)); }

for page in "${PAGES[@]}"; do run bash "$VALIDATORS/check-html.sh" "$BASE$page"; done

mkdir -p "$WORK/copies"; ln -s "$DATELINE_DATA_DIR/static" "$WORK/copies/static"
for i in "${!PAGES[@]}"; do mkdir -p "$WORK/copies/$i"; curl -s "$BASE${PAGES[$i]}" >"$WORK/copies/$i/index.html"; done
(cd "$WORK/copies" && setsid python3 -m http.server "$STATIC_PORT" --bind 127.0.0.1 >/dev/null 2>&1) & PIDS+=($!)
sleep 1
for i in "${!PAGES[@]}"; do run node "$VALIDATORS/axe.js" "http://127.0.0.1:$STATIC_PORT/$i/"; done

run bash "$VALIDATORS/lighthouse.sh" "$BASE$ARTICLE"
run bash "$VALIDATORS/lighthouse.sh" "$BASE/en/"
run "$VALIDATORS/check-jsonld.py" "$BASE$ARTICLE"

for feed in $(grep -o '<link rel="alternate" type="application/[a-z+]*\(xml\|json\)"[^>]*href="[^"]*"' <<<"$HOME_HTML" | grep -o 'href="[^"]*"' | cut -d'"' -f2 | sort -u); do
  case "$feed" in http*) url=$feed ;; *) url=$BASE$feed ;; esac
  run "$VALIDATORS/check-feed.py" "$url"
done
for sitemap in $(curl -s "$BASE/robots.txt" | awk '/^Sitemap:/ {print $2}'); do
  run "$VALIDATORS/check-sitemap.py" "$sitemap"
done

echo
if [ "$failures" -eq 0 ]; then echo "quality OK: every validator passed"; else echo "quality FAIL: $failures check(s) failed"; exit 1; fi
