#!/usr/bin/env bash
# Copy Leaflet's files from the npm registry package into static/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
LEAFLET=1.9.4
if [ -f static/leaflet/leaflet.js ] && grep -q "$LEAFLET" static/leaflet/VERSION 2>/dev/null; then
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "leaflet@$LEAFLET" >/dev/null && tar xzf leaflet-*.tgz)
mkdir -p static/leaflet
cp -r "$tmp"/package/dist/* static/leaflet/
echo "$LEAFLET" > static/leaflet/VERSION
