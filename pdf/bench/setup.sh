#!/usr/bin/env bash
# Installs the benchmark's baselines (NOT part of CI): WeasyPrint 70.0 and typst 0.15.2
# from PyPI into pdf/bench/.venv, and the Debian libraries WeasyPrint loads (pango,
# harfbuzz-subset). Idempotent: skips what is already there.
set -euo pipefail
cd "$(dirname "$0")"

WEASYPRINT_VERSION=70.0
TYPST_VERSION=0.15.2

missing=()
for pkg in python3 python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
if ! .venv/bin/python -c "import weasyprint, typst, sys; sys.exit(weasyprint.__version__ != '$WEASYPRINT_VERSION')" 2>/dev/null; then
  .venv/bin/pip install --quiet --disable-pip-version-check "weasyprint==$WEASYPRINT_VERSION" "typst==$TYPST_VERSION"
fi
echo "bench baselines ready: $(.venv/bin/python -c 'import weasyprint; print("WeasyPrint", weasyprint.__version__)'), typst $TYPST_VERSION"
