import Foundation
import SIPCore
import Testing

@Suite("Replays of real calls against SIPp 3.6.1 on loopback: we send byte for byte what SIPp accepted")
struct SIPpReplayTests {
    /// Each capture was made by running this very call against a SIPp UAS (see Fixtures/sipp/README.md) and
    /// recording every datagram; SIPp accepted each call (exit 0), its `verifyauth` checked the MD5 answer.
    @Test(
        arguments: [
            ("answer", 5070, nil, SIPpPolicy.hangUpOnAnswer, SIPCallOutcome.answered, 200),
            ("busy", 5071, nil, .wait, .busy, 486),
            ("auth", 5072, "s3cret", .hangUpOnAnswer, .answered, 200),
            ("authwrong", 5073, "wrong", .wait, .failed, 403),
            ("calleebye", 5074, nil, .wait, .answered, 200),
            ("ringcancel", 5075, nil, .cancelWhenEarly, .noAnswer, 487),
            ("early404", 5076, nil, .wait, .invalidNumber, 404),
            ("proxy407", 5077, "s3cret", .hangUpOnAnswer, .answered, 200),
        ] as [(String, Int, String?, SIPpPolicy, SIPCallOutcome, Int)])
    func replay(
        _ name: String, _ port: Int, _ password: String?, _ policy: SIPpPolicy, _ outcome: SIPCallOutcome,
        _ status: Int
    ) throws {
        var call = try SIPpPolicy.call(
            name, port: port, credentials: password.map { DigestCredentials(username: "alice", password: $0) })
        var outgoing: [[UInt8]] = []
        var events: [CallEvent] = []
        func consume(_ actions: [CallAction]) {
            for action in actions {
                if case .send(let message) = action { outgoing.append(message.bytes) }
                if case .event(let event) = action { events.append(event) }
            }
        }
        consume(call.start())
        var acted = false
        let steps = try SIPpCapture.steps(name)
        #expect(steps.count >= 4)
        for step in steps {
            if step.outgoing {
                let sent = outgoing.isEmpty ? [] : outgoing.removeFirst()
                #expect(sent == step.bytes, "\(name): sent \(String(decoding: sent, as: UTF8.self))")
            } else {
                consume(call.receive(try SIPParser().parse(step.bytes)))
            }
            if !acted, let actions = policy.act(&call) {
                acted = true
                consume(actions)
            }
        }
        #expect(outgoing.isEmpty)
        guard case .ended(let ending) = events.last else {
            Issue.record("\(name): the call did not end: \(events)")
            return
        }
        #expect(ending.outcome == outcome && ending.statusCode == status)
    }

    @Test func theSHA256AnswerSIPpReceivedIsTheOneComputedIndependently() throws {
        let invite = try SIPpCapture.steps("proxy407").filter(\.outgoing)[2].bytes
        guard case .request(let request) = try SIPParser().parse(invite) else { throw Fixture.FixtureMissing(name: "") }
        // hashlib.sha256 over alice:trunk.test:s3cret, INVITE:<uri>, nonce 0a1b2c3d407, nc 00000001, cnonce tok2.
        let expected = "46efb5ac47ce548948fe9ea7b5d589f8c22672bc7bc08c3d0ea59aaf2abde562"
        #expect(request.headers["proxy-authorization"]?.contains("response=\"\(expected)\"") == true)
        #expect(try request.headers.cseq() == CSeq(2, .invite))
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
