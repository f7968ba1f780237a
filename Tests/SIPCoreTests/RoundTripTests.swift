import SIPCore
import Testing

@Suite("Serialise then parse gives back the same message, over many seeded random messages")
struct RoundTripTests {
    @Test(arguments: 0..<20)
    func randomMessagesRoundTrip(_ seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let parser = SIPParser()
        for _ in 0..<25 {
            let message = RandomMessage.make(&random)
            let parsed = try parser.parse(message.bytes)
            var expected = message
            var got = parsed
            expected.stripContentLength()
            got.stripContentLength()
            #expect(got == expected)
            #expect(parsed.headers["content-length"] == String(message.body.count))
        }
    }
}

/// Random but valid requests and responses: methods, URIs with users, ports and parameters, Via lists with
/// branch/received/rport, addresses with quoted display names holding escapes, extra headers, binary bodies.
enum RandomMessage {
    static func make(_ random: inout SeededGenerator) -> SIPMessage {
        var headers = SIPHeaders()
        for _ in 0...(random.next() % 3) {
            var via = Via(host: host(&random), port: random.next() % 2 == 0 ? nil : Int(random.next() % 65_535) + 1)
            via.parameters.set("branch", "z9hG4bK" + word(&random))
            if random.next() % 2 == 0 { via.parameters.set("rport", random.next() % 2 == 0 ? nil : "5060") }
            if random.next() % 2 == 0 { via.parameters.set("received", "192.0.2.\(random.next() % 255)") }
            headers.add(random.next() % 3 == 0 ? "v" : "Via", via.description)
        }
        headers.add("Max-Forwards", String(random.next() % 256))
        var from = NameAddress(displayName: displayName(&random), uri: uri(&random))
        from.tag = word(&random)
        headers.add(random.next() % 2 == 0 ? "f" : "From", from.description)
        headers.add("To", NameAddress(displayName: displayName(&random), uri: uri(&random)).description)
        headers.add("Call-ID", word(&random) + "@" + host(&random))
        let method = [SIPMethod.invite, .bye, .cancel, .options, .ack, SIPMethod("NOTIFY")][Int(random.next() % 6)]
        headers.add("CSeq", CSeq(UInt32(random.next() % 0x7FFF_FFFF), method).description)
        for index in 0..<(random.next() % 4) { headers.add("X-Extra-\(index)", "value \(word(&random)), \"q\"") }
        var body: [UInt8] = []
        for _ in 0..<(random.next() % 200) { body.append(UInt8(truncatingIfNeeded: random.next())) }
        if random.next() % 2 == 0 {
            return .request(SIPRequest(method: method, uri: uri(&random), headers: headers, body: body))
        }
        let code = Int(100 + random.next() % 600)
        return .response(SIPResponse(statusCode: code, reason: "Reason \(word(&random))", headers: headers, body: body))
    }

    static func word(_ random: inout SeededGenerator) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~".utf8)
        let count = 1 + Int(random.next() % 12)
        return String(
            decoding: (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }, as: UTF8.self)
    }

    static func host(_ random: inout SeededGenerator) -> String {
        switch random.next() % 3 {
        case 0: "10.\(random.next() % 256).\(random.next() % 256).\(random.next() % 256)"
        case 1: "[2001:db8::\(random.next() % 9999)]"
        default: "h\(random.next() % 1000).example.com"
        }
    }

    static func uri(_ random: inout SeededGenerator) -> SIPURI {
        var uri = SIPURI(
            user: random.next() % 4 == 0 ? nil : "+1555\(random.next() % 10_000_000)", host: host(&random),
            port: random.next() % 2 == 0 ? nil : Int(random.next() % 65_536))
        if random.next() % 2 == 0 { uri.parameters.set("transport", "udp") }
        if random.next() % 3 == 0 { uri.parameters.set("lr", nil) }
        return uri
    }

    static func displayName(_ random: inout SeededGenerator) -> String? {
        guard random.next() % 2 == 0 else { return nil }
        return ["Acme \"Sales\"", "back\\slash", "Zoë Ünïcode", "a, b; c <d>", word(&random)][Int(random.next() % 5)]
    }
}

extension SIPMessage {
    mutating func stripContentLength() {
        switch self {
        case .request(var request):
            request.headers.remove("content-length")
            self = .request(request)
        case .response(var response):
            response.headers.remove("content-length")
            self = .response(response)
        }
    }
}
