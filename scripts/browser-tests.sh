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
work=$(mktemp -d)
(cd "$work" && exec "$binary" serve --demo --port 0 >serve.out 2>&1) &
server=$!
cleanup() {
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 300); do
    grep -q '^API key:' "$work/serve.out" 2>/dev/null && break
    sleep 0.2
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" | head -1)
password=$(awk '/^password:/ {print $2}' "$work/serve.out")
key=$(awk '/^API key:/ {print $3}' "$work/serve.out")
[ -n "$url" ] && [ -n "$password" ] || { cat "$work/serve.out" >&2; echo "the demo server did not start" >&2; exit 1; }
mkdir -p "$root/.build/browser-screenshots"
(cd "$root" && OUTBOUND_URL="$url" OUTBOUND_PASSWORD="$password" OUTBOUND_API_KEY="$key" \
    OUTBOUND_SCREENSHOTS="$root/.build/browser-screenshots" PYTHONPATH="$root/Tests/browser" \
    timeout "${BROWSER_TESTS_TIMEOUT:-300}" python3 -m unittest -v test_dashboard)
kill -TERM "$server"
wait "$server"
trap - EXIT
rm -rf "$work"
echo "browser-tests: the dashboard passed in headless Chromium and the server exited 0"
