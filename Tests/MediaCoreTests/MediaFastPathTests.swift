import Foundation
import MediaCore
import Testing

@Suite("The media frames' fast paths write and read exactly what the general JSON path does")
struct MediaFastPathTests {
    @Test("a media event is byte for byte what JSONSerialization writes with sorted keys, slashes unescaped")
    func mediaEventText() throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let payload = (0..<(round % 7 == 0 ? 0 : 160)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let stream = StreamStart(streamSid: "MZ\(round)ab_-Z", callSid: "c", customParameters: [:])
            let text = StreamEvent.media(payload: payload, chunk: round + 1, timestamp: Int64(round * 20))
                .json(sequenceNumber: round + 2, stream: stream)
            let object: [String: Any] = [
                "event": "media", "sequenceNumber": String(round + 2), "streamSid": stream.streamSid,
                "media": [
                    "track": "inbound", "chunk": String(round + 1), "timestamp": String(round * 20),
                    "payload": Data(payload).base64EncodedString(),
                ],
            ]
            let general = try JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            #expect(text == String(decoding: general, as: UTF8.self))
        }
    }

    @Test("a stream id that JSON would escape takes the general path")
    func escapedStreamSid() throws {
        let stream = StreamStart(streamSid: #"MZ"1/é"#, callSid: "c", customParameters: [:])
        let text = StreamEvent.media(payload: [1, 2], chunk: 1, timestamp: 0).json(sequenceNumber: 1, stream: stream)
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["streamSid"] as? String == stream.streamSid)
    }

    @Test(
        "an agent's media frame, compact or spelled as Python's json.dumps, decodes; near misses still judged strictly")
    func agentMediaSpellings() throws {
        let audio = Data((0..<160).map { UInt8($0) }).base64EncodedString()
        let compact = #"{"event":"media","streamSid":"MZ7","media":{"payload":""# + audio + #""}}"#
        let spaced = #"{"event": "media", "streamSid": "MZ7", "media": {"payload": ""# + audio + #""}}"#
        for text in [compact, spaced] {
            #expect(try AgentMessage.decode(text, streamSid: "MZ7") == .media(payload: (0..<160).map { UInt8($0) }))
        }
        #expect(throws: MediaError.badField(event: "media", field: "streamSid", reason: "not this stream")) {
            try AgentMessage.decode(compact, streamSid: "MZ8")
        }
        #expect(throws: MediaError.badField(event: "media", field: "media.payload", reason: "not base64")) {
            try AgentMessage.decode(#"{"event":"media","streamSid":"MZ7","media":{"payload":"%%"}}"#, streamSid: "MZ7")
        }
        let escapedSlash = #"{"event":"media","streamSid":"MZ7","media":{"payload":"\/38A"}}"#
        #expect(try AgentMessage.decode(escapedSlash, streamSid: "MZ7") == .media(payload: [0xFF, 0x7F, 0x00]))
        #expect(throws: MediaError.self) {
            try AgentMessage.decode(compact + "x", streamSid: "MZ7")
        }
    }
}
