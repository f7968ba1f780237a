#!/usr/bin/env python3
"""A webhook receiver for scripts/webhook-tests.sh that verifies every delivery with the Standard Webhooks reference
library (PyPI `standardwebhooks`), records each one as a JSON line, and misbehaves on purpose.

Usage: receiver.py SECRET PORT LOG [--misbehave]

Each request is appended to LOG as {"id", "type", "contactId", "sequence", "valid", "answer"} before it is answered,
so a record survives the receiver being killed. With --misbehave, by the count of requests this process has had:
requests 15-29 answer 500, request 40 answers after 12 s (past the sender's 10 s timeout), requests 55-57 drop the
connection without an answer, the rest answer 200. PORT 0 picks a free port; the port is printed on the first line.
"""
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

secret, port, log_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
misbehave = "--misbehave" in sys.argv[4:]
webhook = Webhook(secret)
lock = threading.Lock()
count = 0


def answer_for(number):
    if not misbehave:
        return "ok"
    if 15 <= number < 30:
        return "500"
    if number == 40:
        return "slow"
    if 55 <= number < 58:
        return "drop"
    return "ok"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        global count
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            payload = webhook.verify(body, headers)
            valid = True
        except WebhookVerificationError:
            payload = json.loads(body or b"{}")
            valid = False
        data = payload.get("data", {}) if isinstance(payload, dict) else {}
        with lock:
            count += 1
            number = count
            answer = answer_for(number) if valid else "400"
            record = {
                "id": headers.get("webhook-id"),
                "type": payload.get("type") if isinstance(payload, dict) else None,
                "contactId": data.get("contactId"),
                "sequence": data.get("sequence"),
                "valid": valid,
                "answer": answer,
            }
            with open(log_path, "a") as log:
                log.write(json.dumps(record) + "\n")
        if answer == "drop":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        if answer == "slow":
            time.sleep(12)
        status = {"ok": 200, "slow": 200, "500": 500, "400": 400}[answer]
        text = b"thanks" if status == 200 else b"not now"
        self.send_response(status)
        self.send_header("content-length", str(len(text)))
        self.end_headers()
        self.wfile.write(text)


class Server(ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True


server = Server(("127.0.0.1", port), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
