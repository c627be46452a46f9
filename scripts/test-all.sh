#!/usr/bin/env bash
# Runs every test suite of the project, in order, and stops at the first failure:
# Rust (core library, CLI, app crate), UI type check and unit tests, then the release
# app is built and driven end to end in a real window. .ci/run calls this script.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR
CARGO_TARGET_DIR=$(realpath -m "${CARGO_TARGET_DIR:-target}")
export PATH="$HOME/.cargo/bin:$PATH"

current="" started=$SECONDS step_started=$SECONDS
step() {
  [ -z "$current" ] || echo "==> ok: $current ($((SECONDS - step_started))s)"
  current=$1 step_started=$SECONDS
  echo
  echo "==> $current"
}
finish() {
  local status=$?
  echo
  if [ "$status" -eq 0 ]; then
    echo "==> ok: $current ($((SECONDS - step_started))s)"
    echo "==> ALL TESTS PASSED in $((SECONDS - started))s"
  else
    echo "==> FAILED: $current (exit status $status, after $((SECONDS - started))s)" >&2
  fi
}
trap finish EXIT

echo "test-all: CARGO_TARGET_DIR=$CARGO_TARGET_DIR"

step "install dependencies (scripts/install-deps.sh)"
bash scripts/install-deps.sh

step "Rust tests: cargo test --workspace --locked"
cargo test --workspace --locked

step "TypeScript types generated from Rust are committed and current (ui/src/generated)"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  stale=$(git status --porcelain -- ui/src/generated)
  if [ -n "$stale" ]; then
    echo "ui/src/generated differs from what ts-rs writes; commit the regenerated files:" >&2
    echo "$stale" >&2
    exit 1
  fi
fi

step "UI type check: npm --prefix ui run typecheck"
npm --prefix ui run typecheck

step "UI unit tests: npm --prefix ui test"
npm --prefix ui test

step "build the release app and CLI"
bash scripts/build-app.sh
cargo build --release --locked -p dangjian --bin dangjian

step "end-to-end type check: npm --prefix e2e run typecheck"
npm --prefix e2e run typecheck

step "end-to-end tests: bash e2e/run.sh"
bash e2e/run.sh
