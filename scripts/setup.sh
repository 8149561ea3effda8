#!/usr/bin/env bash
# Idempotent set-up on a fresh Debian machine with Python 3.11.
#   scripts/setup.sh          runtime: venv, Python packages, local Leaflet assets
#   scripts/setup.sh --dev    also test tools and Debian chromium for browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=0; [ "${1:-}" = "--dev" ] && DEV=1

PY=${PYTHON:-python3.11}; command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi
if [ $DEV = 1 ]; then req=requirements-dev.txt; else req=requirements.txt; fi
.venv/bin/pip install -q -r "$req"

# Leaflet JS/CSS served by Streamlit's static file serving (no CDN at run time).
bash scripts/fetch_assets.sh

if [ $DEV = 1 ] && [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
