#!/usr/bin/env bash
# Builds the release app (UI bundled in, served through Tauri's custom protocol) into
# $CARGO_TARGET_DIR/release/dangjian-app, default target/release/dangjian-app.
# The Tauri CLI runs the UI build first (tauri.conf.json > build.beforeBuildCommand).
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR
CARGO_TARGET_DIR=$(realpath -m "${CARGO_TARGET_DIR:-target}")

# From ui/ the Tauri CLI finds the npm packages but not ../src-tauri: name it.
(cd ui && TAURI_APP_PATH=../src-tauri npx tauri build --no-bundle)
echo "build-app: built $CARGO_TARGET_DIR/release/dangjian-app"
