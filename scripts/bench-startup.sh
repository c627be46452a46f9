#!/usr/bin/env bash
# Start-up benchmark (not part of the tests): first paint and memory of the release app
# with the demo database, against the same app serving a bare Vue page that draws a
# header and nothing else (ui/bare.html: same binary, same Tauri config, only the page
# differs). Starts each RUNS times (default 9), alternately, under a private Xvfb, and
# prints the medians and the app/bare ratios (scripts/bench_startup.py).
#   bash scripts/bench-startup.sh            build both variants, then measure
#   BENCH_REUSE=1 bash scripts/bench-startup.sh   measure the variants built last time
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR
CARGO_TARGET_DIR=$(realpath -m "${CARGO_TARGET_DIR:-target}")
runs=${RUNS:-9}
out=$CARGO_TARGET_DIR/bench-startup
mkdir -p "$out"

if [ -z "${BENCH_REUSE:-}" ] || [ ! -x "$out/dangjian-app" ] || [ ! -x "$out/dangjian-app-bare" ]; then
  # The bare variant first, so that the release app is what release/ holds afterwards.
  (cd ui && npx vite build --mode bare && mv dist-bare/bare.html dist-bare/index.html)
  (cd ui && TAURI_APP_PATH=../src-tauri npx tauri build --no-bundle \
    --config '{"build":{"frontendDist":"../ui/dist-bare","beforeBuildCommand":null}}')
  cp "$CARGO_TARGET_DIR/release/dangjian-app" "$out/dangjian-app-bare"
  bash scripts/build-app.sh
  cp "$CARGO_TARGET_DIR/release/dangjian-app" "$out/dangjian-app"
  cargo build --release --locked -p dangjian --bin dangjian
  rm -f "$out/demo.db"
  "$CARGO_TARGET_DIR/release/dangjian" --db "$out/demo.db" demo
fi

python3 scripts/bench_startup.py "$runs" "$out/demo.db" "$out/dangjian-app" "$out/dangjian-app-bare"
