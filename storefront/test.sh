#!/usr/bin/env bash
# Tests the storefront: the build (with its type check), the unit tests, then the browser tests,
# which start bazaar-node --dev ($BAZAAR_NODE, else target/debug/bazaar-node) and drive the
# built app in headless Chromium. Installs Debian's Chromium with apt if it is missing
# ($CHROMIUM names another binary). Screenshots land in storefront/test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]]; then
	sudo=""
	[[ $(id -u) -eq 0 ]] || sudo="sudo"
	echo "storefront: installing chromium"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

started=$(date +%s)
npm ci --no-audit --no-fund --loglevel=error
npm run build
npm test
npm run test:browser
echo "storefront tests finished in $(( $(date +%s) - started )) s"
