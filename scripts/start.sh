#!/usr/bin/env bash
# Set up (idempotent) and start the dashboard on the bundled sample corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/streamlit run app.py "$@"
