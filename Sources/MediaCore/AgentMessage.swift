import Foundation

/// A Twilio Media Streams message the agent may send on a bidirectional stream: audio for the callee, a mark to
/// be echoed when the audio before it has been played, or `clear` to drop queued audio (barge-in).
public enum AgentMessage: Equatable, Sendable {
    /// μ-law 8 kHz audio to play to the callee.
    case media(payload: [UInt8])
    /// A named point in the outgoing audio.
    case mark(name: String)
    /// Drop the audio queued so far.
    case clear

    /// The largest text accepted (about 1 minute of audio in one message).
    public static let maximumLength = 1 << 20

    /// The audio of a `media` frame in one of the two usual spellings (compact, or Python's `json.dumps` with its
    /// default `", "` and `": "`), exactly `{"event":"media","streamSid":…,"media":{"payload":…}}` for this stream;
    /// nil for any other text, which the full parser then judges. The hot path: 50 frames a second per call.
    static func plainMedia(_ text: String, streamSid: String) -> [UInt8]? {
        guard StreamEvent.isPlain(streamSid) else { return nil }
        for (comma, colon) in [(",", ":"), (", ", ": ")] {
            let head =
                #"{"event"\#(colon)"media"\#(comma)"streamSid"\#(colon)""# + streamSid
                + #""\#(comma)"media"\#(colon){"payload"\#(colon)""#
            let tail = #""}}"#
            guard text.hasPrefix(head), text.hasSuffix(tail), text.utf8.count >= head.utf8.count + tail.utf8.count
            else { continue }
            let start = text.utf8.index(text.utf8.startIndex, offsetBy: head.utf8.count)
            let end = text.utf8.index(text.utf8.endIndex, offsetBy: -tail.utf8.count)
            let encoded = text.utf8[start..<end]
            guard
                encoded.allSatisfy({ byte in
                    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                        || byte == 0x2B || byte == 0x2F || byte == 0x3D
                }), let bytes = Data(base64Encoded: Data(encoded))
            else { return nil }
            return Array(bytes)
        }
        return nil
    }

    /// Decodes one text frame strictly: a JSON object whose `event` is `media`, `mark` or `clear`, whose
    /// `streamSid` is the stream's, with `media.payload` valid base64 and `mark.name` a string.
    public static func decode(_ text: String, streamSid: String) throws(MediaError) -> AgentMessage {
        guard text.utf8.count <= maximumLength else { throw .tooLarge(size: text.utf8.count, limit: maximumLength) }
        if let payload = plainMedia(text, streamSid: streamSid) { return .media(payload: payload) }
        let object = try JSONText.decodeObject(text)
        guard let event = object["event"] as? String else { throw .missingField(event: "?", field: "event") }
        guard ["media", "mark", "clear"].contains(event) else { throw .unknownEvent(event) }
        guard let sid = object["streamSid"] as? String else { throw .missingField(event: event, field: "streamSid") }
        guard sid == streamSid else { throw .badField(event: event, field: "streamSid", reason: "not this stream") }
        switch event {
        case "media":
            guard let media = object["media"] as? [String: Any], let payload = media["payload"] as? String else {
                throw .missingField(event: event, field: "media.payload")
            }
            guard let bytes = Data(base64Encoded: payload) else {
                throw .badField(event: event, field: "media.payload", reason: "not base64")
            }
            return .media(payload: Array(bytes))
        case "mark":
            guard let mark = object["mark"] as? [String: Any], let name = mark["name"] as? String else {
                throw .missingField(event: event, field: "mark.name")
            }
            return .mark(name: name)
        default:
            return .clear
        }
    }
}
