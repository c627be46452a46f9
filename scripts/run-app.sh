#!/usr/bin/env bash
# Installs what is missing, builds the release app and starts it. Arguments are passed
# to the app. The database is the app's default one unless DANGJIAN_DB names a file.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR
CARGO_TARGET_DIR=$(realpath -m "${CARGO_TARGET_DIR:-target}")

bash scripts/install-deps.sh
bash scripts/build-app.sh
exec "$CARGO_TARGET_DIR/release/dangjian-app" "$@"
