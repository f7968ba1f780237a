import SIPCore
import Testing

@Suite("Requests for no call of ours: OPTIONS 200, ACK nothing, others 481, always with a To tag")
struct StatelessResponderTests {
    let responder = StatelessResponder(tag: "st1")

    func request(_ method: SIPMethod) -> SIPRequest {
        var request = TransactionFixtures.request(method)
        request.headers.set("To", "<sip:+15550001111@203.0.113.5>")
        return request
    }

    @Test func optionsGets200WithAllow() throws {
        let ok = try #require(responder.respond(to: request(.options)))
        #expect(ok.statusCode == 200 && ok.headers["allow"] == "INVITE, ACK, CANCEL, BYE, OPTIONS")
        #expect(try ok.headers.to().tag == "st1" && ok.headers["call-id"] == "c1@203.0.113.5")
        #expect(try ok.headers.topVia().branch == "z9hG4bKtest.1")
        guard case .response(let parsed) = try SIPParser().parse(ok.bytes) else { return }
        #expect(parsed.statusCode == 200)
        #expect(SIPMessage.response(ok).callID == "c1@203.0.113.5")
    }

    @Test func otherRequestsGet481AndACKNothing() throws {
        #expect(responder.respond(to: request(.bye))?.statusCode == 481)
        #expect(responder.respond(to: request(.invite))?.statusCode == 481)
        #expect(responder.respond(to: request(.ack)) == nil)
        var tagged = request(.bye)
        tagged.headers.set("To", "<sip:x@y>;tag=theirs")
        #expect(try responder.respond(to: tagged)?.headers.to().tag == "theirs")
    }
}
