#!/usr/bin/env bash
# Serves the storefront at http://127.0.0.1:5173/, next to the dev chain that scripts/dev.sh
# runs (RPC on ws://127.0.0.1:9944): installs the locked dependencies, builds (with a type
# check) and serves the build. Extra arguments go to `vite preview`, e.g. --port 8080.
# Another node: open the page with ?rpc=ws://host:port.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
npm run build
echo "storefront: http://127.0.0.1:5173/ (expects the dev chain on ws://127.0.0.1:9944)"
exec node_modules/.bin/vite preview "$@"
