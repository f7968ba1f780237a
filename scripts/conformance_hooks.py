"""Schemathesis hooks for scripts/api-conformance.sh.

Every generated request carrying an Idempotency-Key gets a fresh random one. Hypothesis draws short keys ("0", "a")
again and again; the server rightly replays the kept reply of an earlier request with the same key and body, and
when that earlier request created a resource the run has since deleted, the stateful phase reads the replayed 201 as
"created but not found" (ST302). Replays are covered by the HTTP tests (IdempotencyTests).
"""
import uuid

import schemathesis


@schemathesis.hook
def before_call(context, case, **kwargs):
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key":
            headers[name] = uuid.uuid4().hex
    case.headers = headers
