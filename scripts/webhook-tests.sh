#!/usr/bin/env bash
# Webhooks tested for real (issue 18): a demo server (`serve --demo`, speed 60) with --allow-private-webhooks and a
# short retry schedule delivers its campaign's events to Tests/webhooks/receiver.py, which verifies each one with the
# PyPI `standardwebhooks` library and misbehaves on purpose (500s, a 12 s answer past the 10 s timeout, dropped
# connections), is killed and down for 8 s, and restarts; the server itself is SIGKILLed midway and restarted on the
# same database. Then: every event the subscription wanted (in the database's `events`) was received at least once,
# each lead's events arrived in order, every signature was valid, nothing was given up. Bounded to about 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/debug/outbound}")
delays="1,1,2,2,3,3,5,5,5,5,5,5,5,5,5,5,5,5,5,5"
. scripts/demo-server.sh

receiver_cleanup() {
    kill -KILL "${receiver:-0}" 2>/dev/null || true
    demo_server_cleanup
    rm -rf "$hooks_work"
}
hooks_work=$(mktemp -d)
start_demo_server "$binary" --allow-private-webhooks --webhook-retry-delays "$delays"
trap receiver_cleanup EXIT
database="$demo_work/outbound-demo.sqlite"
auth="Authorization: Bearer $demo_key"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
events='["campaign.status.changed","campaign.lead.updated","call.started","call.ended"]'
created=$(curl -sf -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"url\":\"http://127.0.0.1:$port/hook\",\"events\":$events}" "$demo_url/v1/webhooks")
hook=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])' <<<"$created")
secret=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])' <<<"$created")
first_checked=$(sqlite3 "$database" 'SELECT COALESCE(MAX(id), 0) FROM events')
log="$hooks_work/received.jsonl"

start_receiver() {
    python3 Tests/webhooks/receiver.py "$secret" "$port" "$log" --misbehave >"$hooks_work/receiver.out" 2>&1 &
    receiver=$!
    for _ in $(seq 1 50); do
        [ -s "$hooks_work/receiver.out" ] && break
        sleep 0.1
    done
}
start_receiver
echo "webhook $hook to 127.0.0.1:$port; checking events after $first_checked"
sleep 20
echo "receiver down for 8 s"
{ kill -KILL "$receiver" && wait "$receiver"; } 2>/dev/null || true
sleep 8
start_receiver
sleep 10
echo "server killed with SIGKILL and restarted"
kill -KILL "$demo_server"
wait "$demo_server" 2>/dev/null || true
server_port=${demo_url##*:}
(cd "$demo_work" && exec "$binary" serve --db outbound-demo.sqlite --port "$server_port" \
    --allow-private-webhooks --webhook-retry-delays "$delays" >>serve.out 2>&1) &
demo_server=$!
for _ in $(seq 1 100); do
    curl -sf "$demo_url/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
sleep 15
campaign=$(curl -sf -H "$auth" "$demo_url/v1/campaigns" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
curl -sf -H "$auth" -H 'Content-Type: application/json' -d '{}' "$demo_url/v1/campaigns/$campaign/pause" >/dev/null
echo "campaign $campaign paused; waiting for the outbox to drain"
for _ in $(seq 1 120); do
    pending=$(sqlite3 "$database-webhooks" "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'pending'")
    live=$(sqlite3 "$database" "SELECT COUNT(*) FROM calls WHERE state = 'live'")
    [ "$pending" = 0 ] && [ "$live" = 0 ] && break
    sleep 1
done
sleep 1
org=$(sqlite3 "$database" "SELECT org_id FROM webhooks WHERE id = $hook")
sqlite3 "$database" "SELECT id FROM events WHERE org_id = $org AND id > $first_checked ORDER BY id" >"$hooks_work/wanted.txt"
sqlite3 "$database-webhooks" "SELECT COUNT(*) FROM webhook_deliveries WHERE state <> 'delivered'" >"$hooks_work/undelivered.txt"
python3 - "$log" "$hooks_work/wanted.txt" "$hooks_work/undelivered.txt" <<'PY'
import json, sys
records = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
wanted = [int(line) for line in open(sys.argv[2]) if line.strip()]
undelivered = int(open(sys.argv[3]).read().strip() or 0)
received = {record["id"] for record in records}
missing = [event for event in wanted if f"evt_{event}" not in received]
invalid = [record for record in records if not record["valid"]]
disorder = []
last = {}
for record in records:
    lead = record.get("contactId")
    if lead is None:
        continue
    sequence = record["sequence"]
    if sequence < last.get(lead, 0):
        disorder.append((lead, sequence, last[lead]))
    last[lead] = max(last.get(lead, 0), sequence)
answers = {}
for record in records:
    answers[record["answer"]] = answers.get(record["answer"], 0) + 1
duplicates = len(records) - len(received)
print(f"events wanted {len(wanted)}, requests {len(records)} ({answers}), distinct ids {len(received)}, "
      f"duplicates {duplicates}, missing {len(missing)}, invalid signatures {len(invalid)}, out of order {len(disorder)}, "
      f"not delivered in the outbox {undelivered}")
problems = []
if len(wanted) < 20:
    problems.append("too few events to say anything")
if missing:
    problems.append(f"missing event ids: {missing[:20]}")
if invalid:
    problems.append(f"invalid signatures: {invalid[:5]}")
if disorder:
    problems.append(f"out of order (lead, sequence, after): {disorder[:10]}")
if undelivered:
    problems.append(f"{undelivered} deliveries not delivered")
for kind in ("500", "slow", "drop"):
    if answers.get(kind, 0) == 0:
        problems.append(f"the receiver never misbehaved with {kind}")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("webhooks: 1 passed, 0 failed")
PY
{ kill -KILL "$receiver" && wait "$receiver"; } 2>/dev/null || true
stop_demo_server
rm -rf "$hooks_work"
trap - EXIT
