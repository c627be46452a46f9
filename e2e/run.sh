#!/usr/bin/env bash
# Runs the end-to-end suite against the built release app, in a real window:
#   Xvfb (only when there is no $DISPLAY) -> tauri-driver on 127.0.0.1:4444
#   -> WebKitWebDriver -> target/release/dangjian-app, driven by WebdriverIO.
# Each run gets a fresh database in a temporary directory ($DANGJIAN_DB).
# Needs: the app built (cd ui && npx tauri build --no-bundle), tauri-driver on PATH
# (scripts/install-deps.sh installs it), and e2e/node_modules (npm ci).
set -euo pipefail

cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"

for tool in tauri-driver WebKitWebDriver; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found; run scripts/install-deps.sh" >&2; exit 1; }
done
[ -d node_modules ] || { echo "run.sh: e2e/node_modules missing; run scripts/install-deps.sh" >&2; exit 1; }
if (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null; then
  echo "run.sh: something already listens on 127.0.0.1:4444 (another tauri-driver?); stop it first" >&2
  exit 1
fi

tmp=$(mktemp -d -t dangjian-e2e.XXXXXX)
export DANGJIAN_DB="$tmp/e2e.db"
xvfb_pid=""
driver_pid=""

cleanup() {
  local status=$?
  if [ -n "$driver_pid" ] && kill -0 "$driver_pid" 2>/dev/null; then
    kill -TERM "$driver_pid" 2>/dev/null || true
    wait "$driver_pid" 2>/dev/null || true
  fi
  if [ -n "$xvfb_pid" ] && kill -0 "$xvfb_pid" 2>/dev/null; then
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$tmp/tauri-driver.log" ]; then
    echo "--- tauri-driver log (last 40 lines) ---" >&2
    tail -n 40 "$tmp/tauri-driver.log" >&2
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${DISPLAY:-}" ]; then
  # Xvfb picks a free display number and writes it to fd 3.
  Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
  [ -s "$tmp/display" ] || { echo "run.sh: Xvfb did not start:" >&2; cat "$tmp/xvfb.log" >&2; exit 1; }
  export DISPLAY=":$(head -n1 "$tmp/display")"
  echo "run.sh: Xvfb on $DISPLAY"
fi

tauri-driver --port 4444 >"$tmp/tauri-driver.log" 2>&1 &
driver_pid=$!
for _ in $(seq 100); do
  (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null && break
  kill -0 "$driver_pid" 2>/dev/null || { echo "run.sh: tauri-driver exited early" >&2; exit 1; }
  sleep 0.1
done
echo "run.sh: tauri-driver listening on 127.0.0.1:4444; DANGJIAN_DB=$DANGJIAN_DB"

npx wdio run wdio.conf.ts "$@"
