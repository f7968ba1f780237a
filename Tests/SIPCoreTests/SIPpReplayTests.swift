import Foundation
import SIPCore
import Testing

@Suite("Replays of real calls against SIPp 3.6.1 on loopback: we send byte for byte what SIPp accepted")
struct SIPpReplayTests {
    /// Each capture was made by running this very configuration against a SIPp UAS (the built-in `uas`, a 486
    /// scenario, and a 401 scenario whose `verifyauth` checked our digest) and recording every datagram.
    @Test(
        arguments: [
            ("answer", 5070, nil, SIPCallOutcome.answered, 200),
            ("busy", 5071, nil, .busy, 486),
            ("auth", 5072, "s3cret", .answered, 200),
            ("authwrong", 5073, "wrong", .failed, 403),
        ] as [(String, Int, String?, SIPCallOutcome, Int)])
    func replay(_ name: String, _ port: Int, _ password: String?, _ outcome: SIPCallOutcome, _ status: Int) throws {
        let configuration = CallConfiguration(
            destination: "+15551230000", trunkHost: "127.0.0.1", trunkPort: port, callerID: "+15550001111",
            callerName: "Outbound", publicAddress: "127.0.0.1", sipPort: 5062, rtpPort: 16000,
            credentials: password.map { DigestCredentials(username: "alice", password: $0) },
            ringTimeout: .seconds(30))
        var call = try UACCall(
            configuration: configuration,
            identity: CallIdentity(callID: "\(name)-1@127.0.0.1", localTag: "ourtag", token: "tok", sessionID: 7))
        var outgoing: [[UInt8]] = []
        var events: [CallEvent] = []
        func consume(_ actions: [CallAction]) {
            for action in actions {
                if case .send(let message) = action { outgoing.append(message.bytes) }
                if case .event(let event) = action { events.append(event) }
            }
        }
        consume(call.start())
        var hungUp = false
        let steps = try SIPpCapture.steps(name)
        #expect(steps.count >= 4)
        for step in steps {
            if step.outgoing {
                let sent = outgoing.isEmpty ? [] : outgoing.removeFirst()
                #expect(
                    sent == step.bytes,
                    "\(name): sent \(String(decoding: sent, as: UTF8.self)) recorded \(String(decoding: step.bytes, as: UTF8.self))"
                )
            } else {
                consume(call.receive(try SIPParser().parse(step.bytes)))
                if call.phase == .established, !hungUp {
                    hungUp = true
                    consume(call.hangUp())
                }
            }
        }
        #expect(outgoing.isEmpty)
        guard case .ended(let ending) = events.last else {
            Issue.record("\(name): the call did not end: \(events)")
            return
        }
        #expect(ending.outcome == outcome && (ending.statusCode == status))
    }
}

/// The datagrams of one recorded call, in order: `NAME-NN-out.sip` we sent, `NAME-NN-in.sip` SIPp sent.
enum SIPpCapture {
    static func steps(_ name: String) throws -> [(outgoing: Bool, bytes: [UInt8])] {
        guard let folder = Bundle.module.url(forResource: "sipp", withExtension: nil, subdirectory: "Fixtures") else {
            throw Fixture.FixtureMissing(name: "sipp")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(name + "-") && $0.hasSuffix(".sip") }.sorted()
        return try files.map { file in
            (file.hasSuffix("-out.sip"), Array(try Data(contentsOf: folder.appendingPathComponent(file))))
        }
    }
}
