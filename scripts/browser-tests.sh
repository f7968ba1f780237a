#!/usr/bin/env bash
# The dashboard's browser tests: installs when missing Debian's chromium and chromium-driver and PyPI's selenium,
# starts `outbound serve --demo --port 0` in a temporary folder (the demo runs at speed 60), reads its address and
# admin credentials from what it prints, runs Tests/browser/test_dashboard.py in headless Chromium, and stops the
# server with SIGTERM (failing if it does not exit 0). Screenshots of each page go to .build/browser-screenshots/.
# Bounded: the tests give up on any wait after 15 s, and the whole run after BROWSER_TESTS_TIMEOUT (300) seconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary="$root/.build/debug/outbound"
[ -x "$binary" ] || (cd "$root" && swift build)
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || [ -x /usr/lib/chromium/chromedriver ] || need+=(chromium-driver)
command -v python3 >/dev/null || need+=(python3 python3-pip)
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}"
fi
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium \
    || python3 -m pip install -q --break-system-packages selenium
. "$root/scripts/demo-server.sh"
start_demo_server "$binary"
mkdir -p "$root/.build/browser-screenshots"
(cd "$root" && OUTBOUND_URL="$demo_url" OUTBOUND_PASSWORD="$demo_password" OUTBOUND_API_KEY="$demo_key" \
    OUTBOUND_SCREENSHOTS="$root/.build/browser-screenshots" PYTHONPATH="$root/Tests/browser" \
    timeout "${BROWSER_TESTS_TIMEOUT:-300}" python3 -m unittest -v test_dashboard)
stop_demo_server
echo "browser-tests: the dashboard passed in headless Chromium and the server exited 0"
