#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSerifSC-Regular.ttf and NotoSansSC-Bold.ttf: the
# Noto CJK SC faces (OFL) subset to every character of GBK plus common
# punctuation, without hinting or layout tables (the typesetter measures
# advance widths itself and never shapes).
#
# Needs node/npm and python3 (with venv); fetches pinned packages into a temp
# dir that is removed afterwards. Deterministic: same inputs, same bytes.
set -euo pipefail

readonly SERIF_PACKAGE="@expo-google-fonts/noto-serif-sc@0.4.3"
readonly SANS_PACKAGE="@expo-google-fonts/noto-sans-sc@0.4.3"
readonly FONTTOOLS_VERSION="4.60.1"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Fetching the fonts ($SERIF_PACKAGE, $SANS_PACKAGE)…"
npm install --prefix "$work/npm" --no-save --ignore-scripts --no-audit --no-fund \
  "$SERIF_PACKAGE" "$SANS_PACKAGE" >/dev/null

echo "Installing fonttools $FONTTOOLS_VERSION…"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "fonttools==$FONTTOOLS_VERSION"

fonts="$work/npm/node_modules/@expo-google-fonts"
"$work/venv/bin/python" "$root/scripts/build-fonts.py" \
  "$fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf" "$root/assets/fonts/NotoSerifSC-Regular.ttf" \
  "$fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf" "$root/assets/fonts/NotoSansSC-Bold.ttf"
{
  echo "Noto Serif SC (NotoSerifSC-Regular.ttf):"
  echo
  cat "$fonts/noto-serif-sc/LICENSE_FONT"
  echo
  echo "Noto Sans SC (NotoSansSC-Bold.ttf):"
  echo
  cat "$fonts/noto-sans-sc/LICENSE_FONT"
} >"$root/assets/fonts/OFL.txt"
ls -l "$root/assets/fonts/"
