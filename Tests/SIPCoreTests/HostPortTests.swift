import SIPCore
import Testing

@Suite("Where requests and responses go: the first Route or the Request-URI; received and rport")
struct HostPortTests {
    @Test func requestsGoToTheFirstRouteElseTheRequestURI() throws {
        var request = TransactionFixtures.request(.bye)
        #expect(request.nextHop == HostPort(host: "edge.carrier.example", port: 5060))
        request.headers.remove("route")
        request.uri.port = 5080
        #expect(request.nextHop.description == "trunk.example:5080")
    }

    @Test func responsesGoToReceivedAndRport() throws {
        let via = try Via.parseList("SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1;received=198.51.100.9;rport=40000")[0]
        #expect(via.responseDestination == HostPort(host: "198.51.100.9", port: 40000))
        let plain = try Via.parseList("SIP/2.0/UDP 10.0.0.1;rport;branch=z9hG4bK1")[0]
        #expect(plain.responseDestination == HostPort(host: "10.0.0.1", port: 5060) && plain.rport == nil)
        #expect(plain.parameters.contains("rport"))
    }
}
