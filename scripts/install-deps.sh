#!/usr/bin/env bash
# Installs what building and testing 党建台账 needs, on a Debian or Ubuntu machine that
# already has the Rust toolchain, Node.js with npm, and Python 3. Safe to run again:
# each step is skipped when its result is already there.
#   - apt packages: WebKitGTK (the app's webview) and its WebDriver, Xvfb for the
#     end-to-end tests, poppler-utils and qpdf to inspect generated PDFs,
#     LibreOffice Calc to convert spreadsheets in tests, a CJK font for the window;
#   - npm packages of ui/ and e2e/, exactly as their package-lock.json says;
#   - tauri-driver (WebDriver bridge between WebdriverIO and the app), via cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential
  libwebkit2gtk-4.1-dev
  librsvg2-dev
  webkit2gtk-driver
  xvfb
  fonts-droid-fallback
  poppler-utils
  qpdf
  libreoffice-calc-nogui
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: apt packages missing: ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
else
  echo "install-deps: apt packages present"
fi

# `npm ci` when node_modules is missing or was installed from another package-lock.json.
# The lock's hash is kept inside node_modules, so deleting node_modules resets it.
#
# `npm ci` refuses a lock that lacks any optional platform package, and ui's lock can
# only hold the platform packages of @tauri-apps/cli that the registry served when it
# was written (a mirror may serve Linux ones only). Then `npm install` installs the
# same locked versions and skips the missing optional packages.
npm_ci() {
  local dir=$1 stamp=$1/node_modules/.package-lock.sha256 want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "install-deps: $dir/node_modules up to date"
    return
  fi
  echo "install-deps: npm ci in $dir"
  if ! npm ci --prefix "$dir" --no-audit --no-fund; then
    echo "install-deps: npm ci refused $dir/package-lock.json; installing the locked versions with npm install"
    npm install --prefix "$dir" --no-audit --no-fund
  fi
  echo "$want" >"$stamp"
}
npm_ci ui
npm_ci e2e

export PATH="$HOME/.cargo/bin:$PATH"
if command -v tauri-driver >/dev/null; then
  echo "install-deps: tauri-driver present ($(command -v tauri-driver))"
else
  echo "install-deps: cargo install tauri-driver"
  cargo install tauri-driver --locked
fi
