import Foundation
import MediaCore
import Testing

@Suite("Twilio Media Streams messages are written and read as Twilio spells them")
struct MediaStreamMessageTests {
    let stream = StreamStart(
        streamSid: "MZ0001", callSid: "call-1", customParameters: ["callId": "c1", "NAME": "Ada", "token": "t"])

    private func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func outgoingMessages() throws {
        #expect(
            StreamEvent.connected.json(sequenceNumber: 0, stream: stream)
                == #"{"event":"connected","protocol":"Call","version":"1.0.0"}"#)
        let start = try object(StreamEvent.start.json(sequenceNumber: 1, stream: stream))
        #expect(start["event"] as? String == "start")
        #expect(start["sequenceNumber"] as? String == "1")
        #expect(start["streamSid"] as? String == "MZ0001")
        let body = try #require(start["start"] as? [String: Any])
        #expect(body["streamSid"] as? String == "MZ0001")
        #expect(body["callSid"] as? String == "call-1")
        #expect(body["accountSid"] == nil)
        #expect(body["tracks"] as? [String] == ["inbound"])
        #expect(body["customParameters"] as? [String: String] == stream.customParameters)
        let format = try #require(body["mediaFormat"] as? [String: Any])
        #expect(format["encoding"] as? String == "audio/x-mulaw")
        #expect(format["sampleRate"] as? Int == 8000)
        #expect(format["channels"] as? Int == 1)
        #expect(
            StreamEvent.media(payload: [0xFF, 0x7F, 0x00], chunk: 2, timestamp: 40).json(
                sequenceNumber: 3, stream: stream)
                == #"{"event":"media","media":{"chunk":"2","payload":"/38A","timestamp":"40","track":"inbound"},"#
                + #""sequenceNumber":"3","streamSid":"MZ0001"}"#)
        #expect(
            StreamEvent.mark(name: "utt-42").json(sequenceNumber: 4, stream: stream)
                == #"{"event":"mark","mark":{"name":"utt-42"},"sequenceNumber":"4","streamSid":"MZ0001"}"#)
        #expect(
            StreamEvent.dtmf(digit: "#").json(sequenceNumber: 5, stream: stream)
                == ##"{"dtmf":{"digit":"#","track":"inbound_track"},"event":"dtmf","sequenceNumber":"5","streamSid":"MZ0001"}"##
        )
        #expect(
            StreamEvent.stop.json(sequenceNumber: 6, stream: stream)
                == #"{"event":"stop","sequenceNumber":"6","stop":{"callSid":"call-1"},"streamSid":"MZ0001"}"#)
    }

    @Test func whatAnAgentSends() throws {
        #expect(
            try AgentMessage.decode(
                #"{"event":"media","streamSid":"MZ0001","media":{"payload":"/38A"}}"#, streamSid: "MZ0001")
                == .media(payload: [0xFF, 0x7F, 0x00]))
        #expect(
            try AgentMessage.decode(#"{"event":"mark","streamSid":"MZ0001","mark":{"name":"a"}}"#, streamSid: "MZ0001")
                == .mark(name: "a"))
        #expect(try AgentMessage.decode(#"{"event":"clear","streamSid":"MZ0001"}"#, streamSid: "MZ0001") == .clear)
    }

    @Test(
        arguments: [
            ("nonsense", MediaError.notJSON("not valid JSON")),
            ("[1,2]", .notJSON("not a JSON object")),
            (#"{"streamSid":"MZ0001"}"#, .missingField(event: "?", field: "event")),
            (#"{"event":"start","streamSid":"MZ0001"}"#, .unknownEvent("start")),
            (#"{"event":"clear"}"#, .missingField(event: "clear", field: "streamSid")),
            (
                #"{"event":"clear","streamSid":"MZ9"}"#,
                .badField(event: "clear", field: "streamSid", reason: "not this stream")
            ),
            (#"{"event":"media","streamSid":"MZ0001"}"#, .missingField(event: "media", field: "media.payload")),
            (
                #"{"event":"media","streamSid":"MZ0001","media":{"payload":7}}"#,
                .missingField(event: "media", field: "media.payload")
            ),
            (
                #"{"event":"media","streamSid":"MZ0001","media":{"payload":"%%"}}"#,
                .badField(event: "media", field: "media.payload", reason: "not base64")
            ),
            (#"{"event":"mark","streamSid":"MZ0001","mark":{}}"#, .missingField(event: "mark", field: "mark.name")),
        ])
    func strictDecodingSaysWhy(_ text: String, _ error: MediaError) {
        #expect(throws: error) { try AgentMessage.decode(text, streamSid: "MZ0001") }
    }

    @Test func deepNestingAndRandomTextAreRefusedWithoutTrapping() {
        #expect(throws: MediaError.self) {
            try AgentMessage.decode(String(repeating: "[", count: 100_000), streamSid: "MZ0001")
        }
        #expect(throws: MediaError.self) {
            try AgentMessage.decode(
                #"{"event":"media","streamSid":"MZ0001","media":"# + String(repeating: #"{"a":"#, count: 50_000),
                streamSid: "MZ0001")
        }
        var random = SeededGenerator(seed: 77)
        let pieces = [
            "{", "}", "[", "]", ":", ",", "\"", "event", "media", "mark", "clear", "streamSid", "MZ0001",
            "payload", "name", "/38A", "1", "null", "true", " ",
        ]
        for _ in 0..<2000 {
            let text = (0..<Int(random.next() % 30)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
                .joined()
            _ = try? AgentMessage.decode(text, streamSid: "MZ0001")
        }
    }

    @Test func oversizedTextIsRefusedBeforeParsing() {
        let text = String(repeating: " ", count: AgentMessage.maximumLength + 1)
        #expect(throws: MediaError.tooLarge(size: AgentMessage.maximumLength + 1, limit: AgentMessage.maximumLength)) {
            try AgentMessage.decode(text, streamSid: "MZ0001")
        }
    }
}
