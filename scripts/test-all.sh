#!/usr/bin/env bash
# The README's test command: installs what the suites need when it is missing (Debian's sqlite3, curl, python3 and
# sip-tester (SIPp, the carrier and callee of the Telephony suite), espeak-ng and sox (the machine-detection set), PyPI's
# schemathesis, standardwebhooks and websockets (the example agent)), builds,
# runs every Swift suite (unit, store on SQLite, dialler, SIP against SIPp, HTTP, command line), then the API's
# conformance check with schemathesis against a demo server (bounded: scripts/api-conformance.sh), webhooks delivered
# to a misbehaving receiver that verifies them with PyPI's standardwebhooks (scripts/webhook-tests.sh), then the dashboard in
# headless Chromium (scripts/browser-tests.sh, which installs chromium, chromium-driver and selenium when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v python3 >/dev/null || need+=(python3 python3-pip)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v curl >/dev/null || need+=(curl)
command -v sipp >/dev/null || need+=(sip-tester)
command -v espeak-ng >/dev/null || need+=(espeak-ng)
command -v sox >/dev/null || need+=(sox)
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}"
fi
command -v schemathesis >/dev/null || python3 -m pip install -q schemathesis
python3 -c 'import standardwebhooks' 2>/dev/null || python3 -m pip install -q standardwebhooks
python3 -c 'import websockets' 2>/dev/null || python3 -m pip install -q websockets

swift build
swift test
scripts/api-conformance.sh
scripts/webhook-tests.sh
scripts/browser-tests.sh
