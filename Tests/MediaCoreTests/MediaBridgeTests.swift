import Foundation
import MediaCore
import Testing

@Suite("The bridge moves audio both ways, echoes marks when played, clears on barge-in and closes once")
struct MediaBridgeTests {
    let stream = StreamStart(streamSid: "MZ1", callSid: "call-9", customParameters: ["callId": "call-9"])

    private func at(_ milliseconds: Int) -> MediaInstant { MediaInstant(.milliseconds(milliseconds)) }

    private func bridge() -> MediaBridge {
        MediaBridge(
            stream: stream, sender: RTPSender(ssrc: 42, initialSequenceNumber: 100, initialTimestamp: 0, start: .zero))
    }

    private func events(_ actions: [BridgeAction]) -> [String] {
        actions.compactMap { action in
            guard case .sendText(let text) = action,
                let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            else { return nil }
            let event = object["event"] as? String ?? "?"
            if let mark = object["mark"] as? [String: Any], let name = mark["name"] as? String {
                return "mark:\(name)"
            }
            if let dtmf = object["dtmf"] as? [String: Any], let digit = dtmf["digit"] as? String {
                return "dtmf:\(digit)"
            }
            return event
        }
    }

    private func rtp(_ actions: [BridgeAction]) -> [RTPPacket] {
        actions.compactMap { action in
            guard case .sendRTP(let bytes) = action else { return nil }
            return try? RTPPacket(parsing: bytes)
        }
    }

    private func media(_ bytes: [UInt8]) -> String {
        #"{"event":"media","streamSid":"MZ1","media":{"payload":""# + Data(bytes).base64EncodedString() + #""}}"#
    }

    private func mark(_ name: String) -> String {
        #"{"event":"mark","streamSid":"MZ1","mark":{"name":""# + name + #""}}"#
    }

    @Test func startsWithConnectedAndStartThenPacesSilence() {
        var bridge = bridge()
        #expect(bridge.tick(at: at(0)).isEmpty)
        #expect(events(bridge.start(at: at(1000))) == ["connected", "start"])
        #expect(bridge.nextDeadline == at(1000))
        let packets = rtp(bridge.tick(at: at(1040)))
        #expect(packets.map(\.sequenceNumber) == [100, 101, 102])
        #expect(packets.allSatisfy { $0.payload == [UInt8](repeating: 0xFF, count: 160) && $0.ssrc == 42 })
    }

    @Test func calleeAudioBecomesMediaAndDuplicatesAreDropped() throws {
        var bridge = bridge()
        _ = bridge.start(at: at(0))
        let packet = RTPPacket(payloadType: 0, sequenceNumber: 5, timestamp: 800, ssrc: 3, payload: [1, 2, 3])
        let first = bridge.calleeDatagram(try packet.serialized(), at: at(60))
        guard case .sendText(let text) = first.first else {
            Issue.record("no media message")
            return
        }
        #expect(
            text == #"{"event":"media","media":{"chunk":"1","payload":"AQID","timestamp":"60","track":"inbound"},"#
                + #""sequenceNumber":"2","streamSid":"MZ1"}"#)
        #expect(bridge.calleeDatagram(try packet.serialized(), at: at(61)).isEmpty)
        #expect(bridge.calleeDatagram([1, 2, 3], at: at(62)) == [.refused(.truncated(needed: 12, have: 3))])
        #expect(bridge.receiver.statistics.duplicates == 1)
    }

    @Test func telephoneEventsBecomeOneDTMFMessage() throws {
        var bridge = bridge()
        _ = bridge.start(at: at(0))
        var actions: [BridgeAction] = []
        for (index, end) in [false, false, true, true, true].enumerated() {
            let payload = TelephoneEvent(event: 9, isEnd: end, volume: 10, duration: UInt16(160 * (index + 1))).bytes
            let packet = RTPPacket(
                payloadType: 101, sequenceNumber: UInt16(10 + index), timestamp: 4000, ssrc: 3, payload: payload)
            actions += bridge.calleeDatagram(try packet.serialized(), at: at(20 * index))
        }
        #expect(events(actions) == ["dtmf:9"])
    }

    @Test func marksAreEchoedWhenTheirAudioHasBeenSent() {
        var bridge = bridge()
        _ = bridge.start(at: at(0))
        #expect(events(bridge.agentText(mark("nothing-queued"), at: at(0))) == ["mark:nothing-queued"])
        #expect(bridge.agentText(media([UInt8](repeating: 0x10, count: 400)), at: at(0)).isEmpty)
        #expect(bridge.agentText(mark("first"), at: at(0)).isEmpty)
        #expect(bridge.agentText(media([UInt8](repeating: 0x20, count: 160)), at: at(0)).isEmpty)
        #expect(bridge.agentText(mark("second"), at: at(0)).isEmpty)
        let early = bridge.tick(at: at(20))
        #expect(rtp(early).count == 2)
        #expect(events(early).isEmpty)
        let later = bridge.tick(at: at(40))
        #expect(events(later) == ["mark:first"])
        #expect(rtp(later)[0].payload.prefix(80) == [UInt8](repeating: 0x10, count: 80)[...])
        #expect(events(bridge.tick(at: at(60))) == ["mark:second"])
    }

    @Test func clearDropsQueuedAudioAndEchoesPendingMarks() {
        var bridge = bridge()
        _ = bridge.start(at: at(0))
        _ = bridge.agentText(media([UInt8](repeating: 0x10, count: 1600)), at: at(0))
        _ = bridge.agentText(mark("long"), at: at(0))
        _ = bridge.tick(at: at(0))
        #expect(bridge.unechoedMarks == ["long"])
        #expect(events(bridge.agentText(#"{"event":"clear","streamSid":"MZ1"}"#, at: at(5))) == ["mark:long"])
        #expect(rtp(bridge.tick(at: at(20)))[0].payload == [UInt8](repeating: 0xFF, count: 160))
        _ = bridge.agentText(media([1]), at: at(30))
        _ = bridge.agentText(mark("after-clear"), at: at(30))
        let next = bridge.tick(at: at(40))
        #expect(rtp(next)[0].marker)
        #expect(events(next) == ["mark:after-clear"])
    }

    @Test func badAgentTextIsRefusedAndChangesNothing() {
        var bridge = bridge()
        _ = bridge.start(at: at(0))
        #expect(bridge.agentText("{", at: at(0)) == [.refused(.notJSON("not valid JSON"))])
        #expect(
            bridge.agentText(#"{"event":"stop","streamSid":"MZ1"}"#, at: at(0)) == [.refused(.unknownEvent("stop"))])
        #expect(bridge.phase == .streaming)
    }

    @Test func theCalleeHangingUpSendsStopAndClosesOnce() {
        var bridge = bridge()
        _ = bridge.start(at: at(0))
        let actions = bridge.calleeHungUp(at: at(100))
        #expect(events(actions) == ["stop"])
        #expect(actions.last == .close(.calleeHungUp))
        #expect(bridge.calleeHungUp(at: at(101)).isEmpty)
        #expect(bridge.agentClosed(at: at(101)).isEmpty)
        #expect(bridge.tick(at: at(200)).isEmpty)
        #expect(bridge.nextDeadline == nil)
    }

    @Test func theAgentClosingClosesWithoutStop() {
        var bridge = bridge()
        _ = bridge.start(at: at(0))
        #expect(bridge.agentClosed(at: at(10)) == [.close(.agentClosed)])
        #expect(bridge.end(at: at(11)).isEmpty)
    }

    @Test func sequenceNumbersCountEveryMessageAfterConnected() throws {
        var bridge = bridge()
        var texts: [String] = []
        for action in bridge.start(at: at(0)) + bridge.agentText(mark("m"), at: at(0)) + bridge.end(at: at(1)) {
            if case .sendText(let text) = action { texts.append(text) }
        }
        let numbers = try texts.dropFirst().map { text in
            let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return object["sequenceNumber"] as? String
        }
        #expect(numbers == ["1", "2", "3"])
    }

    @Test(arguments: 0..<3)
    func randomInputsNeverTrapAndEveryMarkIsEchoedOnce(_ seed: UInt64) {
        var random = SeededGenerator(seed: 500 + seed)
        var bridge = bridge()
        _ = bridge.start(at: at(0))
        var now = 0
        var sentMarks: [String] = []
        var echoed: [String] = []
        for step in 0..<400 {
            now += Int(random.next() % 30)
            var actions: [BridgeAction] = []
            switch random.next() % 6 {
            case 0: actions = bridge.agentText(media((0..<Int(random.next() % 400)).map { _ in 0x10 }), at: at(now))
            case 1:
                sentMarks.append("m\(step)")
                actions = bridge.agentText(mark("m\(step)"), at: at(now))
            case 2 where random.next() % 4 == 0:
                actions = bridge.agentText(#"{"event":"clear","streamSid":"MZ1"}"#, at: at(now))
            case 3:
                let bytes = (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                actions = bridge.calleeDatagram(bytes, at: at(now))
            default: actions = bridge.tick(at: at(now))
            }
            echoed += events(actions).filter { $0.hasPrefix("mark:") }.map { String($0.dropFirst(5)) }
        }
        echoed += events(bridge.agentText(#"{"event":"clear","streamSid":"MZ1"}"#, at: at(now)))
            .map { String($0.dropFirst(5)) }
        #expect(echoed == sentMarks)
    }
}
