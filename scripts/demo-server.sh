# Sourced by scripts/api-conformance.sh and scripts/browser-tests.sh: a throwaway `outbound serve --demo --port 0` in a
# temporary folder. `start_demo_server BINARY [SERVE OPTIONS…]` starts it, waits until it has printed its credentials and sets
# `demo_url`, `demo_key` and `demo_password`; `stop_demo_server` sends SIGTERM and returns the server's exit status
# (a script run with `set -e` fails when it is not 0). Whatever happens, the EXIT trap stops the server and removes
# the folder.
demo_server_cleanup() {
    kill -TERM "$demo_server" 2>/dev/null || true
    wait "$demo_server" 2>/dev/null || true
    rm -rf "$demo_work"
}

start_demo_server() {
    demo_work=$(mktemp -d)
    (cd "$demo_work" && exec "$1" serve --demo --port 0 "${@:2}" >serve.out 2>&1) &
    demo_server=$!
    trap demo_server_cleanup EXIT
    for _ in $(seq 1 300); do
        grep -q '^API key:' "$demo_work/serve.out" 2>/dev/null && break
        sleep 0.2
    done
    demo_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$demo_work/serve.out" | head -1 || true)
    demo_key=$(awk '/^API key:/ {print $3}' "$demo_work/serve.out" || true)
    demo_password=$(awk '/^password:/ {print $2}' "$demo_work/serve.out" || true)
    if [ -z "$demo_url" ] || [ -z "$demo_key" ] || [ -z "$demo_password" ]; then
        cat "$demo_work/serve.out" >&2
        echo "the demo server did not start" >&2
        return 1
    fi
}

stop_demo_server() {
    kill -TERM "$demo_server"
    local status=0
    wait "$demo_server" || status=$?
    trap - EXIT
    rm -rf "$demo_work"
    return "$status"
}
