#!/usr/bin/env bash
# Starts the built server (build/) with defaults that work on one machine out of the box:
#   PORT 3000; ORIGIN http://localhost:$PORT (SvelteKit refuses form posts from any other
#   origin, and without ORIGIN adapter-node assumes https); BODY_SIZE_LIMIT 6M (spreadsheet
#   imports up to 5 MB). Behind a reverse proxy set ORIGIN to the public address.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT="${PORT:-3000}"
export ORIGIN="${ORIGIN:-http://localhost:${PORT}}"
export BODY_SIZE_LIMIT="${BODY_SIZE_LIMIT:-6M}"
exec node build
