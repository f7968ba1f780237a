import SIPCore
import Testing

@Suite("Hostile input never traps: random bytes, truncations, huge values, non-UTF-8 all give typed errors")
struct HostileInputTests {
    let parser = SIPParser()

    @Test func randomBytesNeverTrap() {
        var random = SeededGenerator(seed: 17)
        let alphabet = Array("INVITE SIP/2.0\r\n:;,<>\"\\@=Via From To CSeq Call-ID l: 0123456789 \t".utf8)
        var accepted = 0
        for _ in 0..<3_000 {
            let count = Int(random.next() % 400)
            var bytes: [UInt8] = []
            for _ in 0..<count {
                bytes.append(
                    random.next() % 4 == 0
                        ? UInt8(truncatingIfNeeded: random.next())
                        : alphabet[Int(random.next() % UInt64(alphabet.count))])
            }
            if (try? parser.parse(bytes)) != nil { accepted += 1 }
        }
        #expect(accepted < 3_000)
    }

    @Test func everyTruncationOfRealMessagesIsHandled() throws {
        for message in [
            Captured.sippOK, Captured.kamailio407, Captured.carrierOKWithRoutes, try Fixture.rfc4475("wsinv"),
        ] {
            for end in 0..<message.count {
                _ = try? parser.parse(Array(message[..<end]))
            }
        }
    }

    @Test func everySingleByteMutationOfTheTortuousInviteIsHandled() throws {
        let original = try Fixture.rfc4475("wsinv")
        var random = SeededGenerator(seed: 4475)
        for index in original.indices {
            var mutated = original
            mutated[index] = UInt8(truncatingIfNeeded: random.next())
            _ = try? parser.parse(mutated)
        }
    }

    @Test func nonUTF8InAHeaderIsATypedError() {
        var bytes = Array(
            "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n".utf8)
        bytes += [0x54, 0x6F, 0x3A, 0x20, 0xC3, 0x28, 0x0D, 0x0A]
        bytes += Array("Call-ID: 1\r\nCSeq: 1 OPTIONS\r\n\r\n".utf8)
        #expect(throws: SIPError.notUTF8(line: 4)) { try parser.parse(bytes) }
        #expect(throws: SIPError.notUTF8(line: 1)) { try parser.parse([0xFF, 0xFE, 0x0D, 0x0A, 0x0D, 0x0A]) }
    }

    @Test func limitsAreEnforced() {
        #expect(throws: SIPError.tooLarge(size: 70_000, limit: 65_535)) {
            try parser.parse([UInt8](repeating: 0x41, count: 70_000))
        }
        var many = "OPTIONS sip:a@b SIP/2.0\r\n"
        for index in 0..<300 { many += "X-\(index): y\r\n" }
        #expect(throws: SIPError.limitExceeded("more than 256 headers")) { try parser.parse(many + "\r\n") }
        #expect(throws: SIPError.incomplete("no start line")) { try parser.parse("\r\n\r\n\r\n") }
        #expect(throws: SIPError.incomplete("no start line")) { try parser.parse([]) }
    }

    @Test func hugeNumbersAreRefusedNotOverflowed() {
        let base =
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h:99999999999999999999999;branch=z9hG4bK1\r\n"
            + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n\r\n"
        #expect(throws: SIPError.badValue(header: "Via", reason: "bad port")) { try parser.parse(base) }
        let cseq = base.replacingOccurrences("h:99999999999999999999999", "h").replacingOccurrences(
            "CSeq: 1", "CSeq: 2147483648")
        #expect(throws: SIPError.badValue(header: "CSeq", reason: "sequence number missing or not below 2^31")) {
            try parser.parse(cseq)
        }
        let maxForwards =
            "OPTIONS sip:a@b SIP/2.0\r\nMax-Forwards: 256\r\n"
            + "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\n\r\n"
        #expect(throws: SIPError.badValue(header: "Max-Forwards", reason: "not a number from 0 to 255")) {
            try parser.parse(maxForwards)
        }
        #expect(throws: SIPError.self) { try SIPURI.parse("sip:host:65536") }
        #expect(throws: SIPError.self) { try SIPURI.parse("sip:[::1") }
        #expect(throws: SIPError.self) { try SIPURI.parse("sip:") }
        #expect(throws: SIPError.self) { try SIPURI.parse("sip:@host") }
        #expect(throws: SIPError.self) { try SIPURI.parse(":x") }
    }

    @Test func aLongHeaderValueIsKept() throws {
        let long = String(repeating: "a", count: 60_000)
        let text =
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
            + "To: <sip:c@d>\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\nX-Long: \(long)\r\n\r\n"
        guard case .response(let response) = try parser.parse(text) else { return }
        #expect(response.headers["x-long"]?.count == 60_000)
    }
}

@Suite("Hostile SDP never traps")
struct HostileSDPTests {
    @Test func everyMutationAndTruncationOfAnAnswerIsHandled() {
        let answer = FakeTrunk.answerSDP
        var random = SeededGenerator(seed: 4566)
        for index in answer.indices {
            _ = try? MediaDescription.parseAnswer(Array(answer[..<index]))
            for replacement in [UInt8(ascii: "/"), UInt8(ascii: " "), UInt8(ascii: "="), 0xFF] {
                var mutated = answer
                mutated[index] = replacement
                _ = try? MediaDescription.parseAnswer(mutated)
            }
            var noise = answer
            noise[index] = UInt8(truncatingIfNeeded: random.next())
            _ = try? MediaDescription.parseAnswer(noise)
        }
        for text in [
            "m=audio / RTP/AVP 0", "v=0\r\nc=IN IP4 /\r\nm=audio 1 RTP/AVP 0", "v=0\r\nm=audio 1 / 0", "=\r\n",
        ] {
            #expect(throws: SIPError.self) { try MediaDescription.parseAnswer(Array(text.utf8)) }
        }
    }
}
