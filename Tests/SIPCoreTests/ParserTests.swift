import SIPCore
import Testing

@Suite("The parser reads real peers' messages: compact forms, folding, lists, quoting and Content-Length")
struct ParserTests {
    let parser = SIPParser()

    func response(_ bytes: [UInt8]) throws -> SIPResponse {
        guard case .response(let response) = try parser.parse(bytes) else { throw ExpectedResponse() }
        return response
    }

    struct ExpectedResponse: Error {}

    @Test func sippRingingGivesTheStatusTagsAndRport() throws {
        let ringing = try response(Captured.sippRinging)
        #expect(ringing.statusCode == 180 && ringing.reason == "Ringing")
        let via = try ringing.headers.topVia()
        #expect(via.branch == "z9hG4bK-15103-1-0" && via.received == "127.0.0.1" && via.rport == 5061)
        #expect(via.host == "127.0.0.1" && via.port == 5061 && via.transport == "UDP")
        #expect(try ringing.headers.to().tag == "15122SIPpTag011")
        #expect(try ringing.headers.to().displayName == "sut")
        #expect(try ringing.headers.from().uri.user == "sipp")
        #expect(try ringing.headers.cseq() == CSeq(1, .invite))
        #expect(ringing.body.isEmpty)
    }

    @Test func sippOKCarriesItsSDPBody() throws {
        let ok = try response(Captured.sippOK)
        #expect(ok.body.count == 129)
        let media = try MediaDescription.parseAnswer(ok.body)
        #expect(media.address == "127.0.0.1" && media.port == 6000 && media.payloadTypes == [0])
        #expect(try ok.headers.addresses("Contact").first?.uri.parameters["transport"] == .some("UDP"))
    }

    @Test func kamailioChallengeParses() throws {
        let challenge = try response(Captured.kamailio407)
        let value = try #require(challenge.headers["proxy-authenticate"])
        let digest = try DigestChallenge.parse(value)
        #expect(digest.realm == "trunk.test" && digest.qop == ["auth"] && digest.algorithm == .md5)
        #expect(try challenge.headers.from().displayName == "Outbound")
    }

    @Test func compactFormsFoldingRoutesAndTrailingBytes() throws {
        let ok = try response(Captured.carrierOKWithRoutes)
        #expect(ok.headers["Via"] != nil && ok.headers["CALL-ID"] == "call-1@203.0.113.5")
        #expect(ok.headers["subject"] == "a folded subject")
        #expect(ok.headers["Supported"] == "timer")
        #expect(try ok.headers.from().displayName == "Acme \"Sales\"")
        #expect(try ok.headers.from().tag == "ourtag")
        #expect(try ok.headers.topVia().rport == 40211)
        let routes = try ok.headers.addresses("record-route")
        #expect(routes.map(\.uri.host) == ["edge2.carrier.example", "edge1.carrier.example"])
        #expect(routes[1].uri.parameters.contains("lr") && routes[1].uri.parameters["ftag"] == .some("xyz"))
        #expect(ok.body == Array("0123456789".utf8))
    }

    @Test func headerNamesAreCaseInsensitiveAndValuesKeepTheirOrder() throws {
        let text = Captured.bytes(
            """
            BYE sip:callee@198.51.100.20:5070 SIP/2.0
            VIA: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1, SIP/2.0/TCP 10.0.0.2:5070;branch=z9hG4bK2
            via: SIP/2.0/UDP [2001:db8::1]:5080;branch=z9hG4bK3;received=2001:db8::9
            max-forwards: 69
            FROM: sip:caller@example.com;tag=a
            to: Bob <sip:bob@example.com>;tag=b
            call-id: x@y
            cseq: 7 BYE
            Route: <sip:p1.example.com;lr>
            Route: <sip:p2.example.com;lr>
            Content-Length: 0


            """)
        guard case .request(let bye) = try parser.parse(text) else { throw ExpectedResponse() }
        #expect(bye.method == .bye && bye.uri.port == 5070)
        let vias = try bye.headers.vias()
        #expect(vias.map(\.branch) == ["z9hG4bK1", "z9hG4bK2", "z9hG4bK3"])
        #expect(vias[1].transport == "TCP" && vias[2].host == "[2001:db8::1]" && vias[2].port == 5080)
        #expect(vias[2].received == "2001:db8::9")
        #expect(try bye.headers.from().displayName == nil && bye.headers.from().tag == "a")
        #expect(try bye.headers.to().displayName == "Bob")
        #expect(try bye.headers.addresses("route").map(\.uri.host) == ["p1.example.com", "p2.example.com"])
    }

    @Test func contentLengthRules() throws {
        let head =
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
            + "To: <sip:c@d>\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n"
        let noLength = try response(Array((head + "\r\nbody over UDP").utf8))
        #expect(noLength.body == Array("body over UDP".utf8))
        let cut = try response(Array((head + "Content-Length: 4\r\n\r\nbody over UDP").utf8))
        #expect(cut.body == Array("body".utf8))
        #expect(throws: SIPError.badContentLength("says 40 bytes, the datagram holds 4")) {
            try parser.parse(Array((head + "Content-Length: 40\r\n\r\nbody").utf8))
        }
        #expect(throws: SIPError.badContentLength("not a number: -1")) {
            try parser.parse(Array((head + "Content-Length: -1\r\n\r\n").utf8))
        }
        #expect(throws: SIPError.badContentLength("not a number: 99999999999999999999")) {
            try parser.parse(Array((head + "Content-Length: 99999999999999999999\r\n\r\n").utf8))
        }
        let bareLF = try response(Array((head + "l: 2\r\n\r\nhi").replacingOccurrences("\r\n", "\n").utf8))
        #expect(bareLF.body == Array("hi".utf8))
        let keepAlive = try response(Array(("\r\n\r\n" + head + "\r\n").utf8))
        #expect(keepAlive.statusCode == 200)
    }

    @Test func nameAddrAndAddrSpecForms() throws {
        let quoted = try NameAddress.parse(
            #""Smith, J \"JJ\" \\ x" <sip:j@example.com;transport=udp>;tag=9"#, header: "From")
        #expect(quoted.displayName == #"Smith, J "JJ" \ x"#)
        #expect(quoted.uri.parameters["transport"] == .some("udp") && quoted.tag == "9")
        let spec = try NameAddress.parse("sip:j@example.com;tag=9", header: "To")
        #expect(spec.uri.parameters.items.isEmpty && spec.tag == "9")
        let tokens = try NameAddress.parse("J  Smith<sip:j@example.com>", header: "To")
        #expect(tokens.displayName == "J  Smith")
        let tel = try NameAddress.parse("<tel:+15551230000>", header: "To")
        #expect(tel.uri.scheme == "tel" && tel.uri.opaque == "+15551230000")
        let round = try NameAddress.parse(quoted.description, header: "From")
        #expect(round == quoted)
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
