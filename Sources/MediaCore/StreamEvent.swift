import Foundation

/// A Twilio Media Streams message we send to the agent. `json(sequenceNumber:stream:)` writes it with the
/// field names and string-typed numbers Twilio uses, so agents written for Twilio (Pipecat's serializer,
/// for one) read it unchanged.
public enum StreamEvent: Equatable, Sendable {
    /// The socket is open: `{"event":"connected","protocol":"Call","version":"1.0.0"}`.
    case connected
    /// The stream starts: identifiers, tracks, `customParameters`, `mediaFormat`.
    case start
    /// Callee audio: μ-law bytes, the chunk number (from 1) and milliseconds since the stream began.
    case media(payload: [UInt8], chunk: Int, timestamp: Int64)
    /// A mark the agent sent, echoed once the audio queued before it has been played (or cleared).
    case mark(name: String)
    /// A key the callee pressed.
    case dtmf(digit: Character)
    /// The stream ends (the callee hung up or the engine ended the call).
    case stop

    /// The message as JSON text. `sequenceNumber` counts messages on the stream from 1 (`connected` has none).
    public func json(sequenceNumber: Int, stream: StreamStart) -> String {
        if case .media(let payload, let chunk, let timestamp) = self, Self.isPlain(stream.streamSid) {
            // The hot path (50 a second per call): the same text `JSONSerialization` writes with sorted keys, built
            // directly (base64 and the digits need no escaping; the stream id is checked to need none).
            let audio = Data(payload).base64EncodedString()
            return #"{"event":"media","media":{"chunk":""# + String(chunk) + #"","payload":""# + audio
                + #"","timestamp":""# + String(timestamp) + #"","track":"inbound"},"sequenceNumber":""#
                + String(sequenceNumber) + #"","streamSid":""# + stream.streamSid + #""}"#
        }
        var object: [String: Any] = ["event": name]
        if case .connected = self {
            object["protocol"] = "Call"
            object["version"] = "1.0.0"
            return JSONText.encode(object)
        }
        object["sequenceNumber"] = String(sequenceNumber)
        object["streamSid"] = stream.streamSid
        switch self {
        case .connected:
            break
        case .start:
            object["start"] =
                [
                    "streamSid": stream.streamSid,
                    "callSid": stream.callSid,
                    "tracks": ["inbound"],
                    "customParameters": stream.customParameters,
                    "mediaFormat": ["encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1] as [String: Any],
                ] as [String: Any]
        case .media(let payload, let chunk, let timestamp):
            object["media"] = [
                "track": "inbound", "chunk": String(chunk), "timestamp": String(timestamp),
                "payload": Data(payload).base64EncodedString(),
            ]
        case .mark(let markName):
            object["mark"] = ["name": markName]
        case .dtmf(let digit):
            object["dtmf"] = ["track": "inbound_track", "digit": String(digit)]
        case .stop:
            object["stop"] = ["callSid": stream.callSid]
        }
        return JSONText.encode(object)
    }

    /// Whether `text` is written in JSON as it is (letters, digits, `-` and `_`).
    static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F
        }
    }

    /// The `event` field's value.
    public var name: String {
        switch self {
        case .connected: "connected"
        case .start: "start"
        case .media: "media"
        case .mark: "mark"
        case .dtmf: "dtmf"
        case .stop: "stop"
        }
    }
}
