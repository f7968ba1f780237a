#!/usr/bin/env python3
"""The example agent: a Twilio Media Streams WebSocket server for Outbound's `sip` provider.

On `start` it plays a short greeting (a two-tone chime it synthesises as 8 kHz mu-law), listens to the callee for a
moment, POSTs its result to Outbound (`POST <api>/v1/calls/{callId}/result` with the per-call token as bearer), then
closes the socket, which hangs up the call. If the callee hangs up first (`stop`), it reports what it heard so far.

    pip install websockets
    python3 agent.py --port 8765 --api http://127.0.0.1:8080

Each event it handles is printed as one JSON line on stdout, so a test (or you) can follow the call.
Copy this file to start your own agent: replace `greeting()` with your text-to-speech and `conversation()` with your
speech recognition and dialogue.
"""

import argparse
import asyncio
import base64
import json
import math
import os
import sys
import urllib.request

import websockets

FRAME = 160  # 20 ms of 8 kHz mu-law


def mulaw(sample):
    """ITU-T G.711 mu-law of one 16-bit linear sample."""
    sign = 0x80 if sample < 0 else 0
    magnitude = min(abs(sample), 32635) + 0x84
    exponent = 7
    for bit in range(14, 7, -1):
        if magnitude & (1 << bit):
            break
        exponent -= 1
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    return ~(sign | (exponent << 4) | mantissa) & 0xFF


def greeting(seconds=0.6):
    """A chime (660 Hz then 880 Hz) as mu-law bytes: the agent's "hello"."""
    count = int(8000 * seconds)
    return bytes(
        mulaw(int(8000 * math.sin(2 * math.pi * (660 if n < count // 2 else 880) * n / 8000))) for n in range(count)
    )


def say(event, **fields):
    print(json.dumps({"event": event, **fields}), flush=True)


def post_result(api, call_id, token, result):
    request = urllib.request.Request(
        f"{api.rstrip('/')}/v1/calls/{call_id}/result",
        data=json.dumps(result).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


async def conversation(socket, api, listen_seconds):
    stream_sid, parameters, heard, stopped = None, {}, 0, False
    listening = None
    clock = asyncio.get_running_loop().time
    while True:
        remaining = None if listening is None else listening + listen_seconds - clock()
        if remaining is not None and remaining <= 0:
            break
        try:
            text = await asyncio.wait_for(socket.recv(), remaining)
        except asyncio.TimeoutError:
            break
        message = json.loads(text)
        event = message.get("event")
        if event == "start":
            stream_sid = message["start"]["streamSid"]
            parameters = message["start"].get("customParameters", {})
            say("start", streamSid=stream_sid, customParameters=parameters)
            audio = greeting()
            for offset in range(0, len(audio), FRAME):
                chunk = base64.b64encode(audio[offset : offset + FRAME]).decode()
                await socket.send(json.dumps({"event": "media", "streamSid": stream_sid, "media": {"payload": chunk}}))
            await socket.send(json.dumps({"event": "mark", "streamSid": stream_sid, "mark": {"name": "greeting"}}))
        elif event == "mark":
            say("mark", name=message["mark"]["name"])
            if listening is None:
                listening = clock()
        elif event == "media":
            heard += 1
        elif event == "dtmf":
            say("dtmf", digit=message["dtmf"]["digit"])
        elif event == "stop":
            stopped = True
            say("stop")
            break
    say("heard", frames=heard)
    if "callId" in parameters:
        result = {
            "disposition": "INTERESTED",
            "turns": 2,
            "transcript": f"agent: Hello from the example agent.\ncallee: ({heard} frames of audio)",
        }
        try:
            status = await asyncio.to_thread(post_result, api, parameters["callId"], parameters.get("token", ""), result)
            say("posted", status=status)
        except Exception as error:  # the call goes on without a result; Outbound waits out its grace
            say("post-failed", error=str(error))
    if not stopped:
        await socket.close()
    say("closed")


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--api", default=os.environ.get("OUTBOUND_API", "http://127.0.0.1:8080"))
    parser.add_argument("--listen", type=float, default=1.5, help="seconds to listen after the greeting")
    arguments = parser.parse_args()

    async def handle(socket):
        try:
            await conversation(socket, arguments.api, arguments.listen)
        except websockets.ConnectionClosed:
            say("closed-by-peer")

    async with websockets.serve(handle, arguments.host, arguments.port) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        say("listening", port=port)
        await asyncio.Future()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
