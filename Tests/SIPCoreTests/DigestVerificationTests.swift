import SIPCore
import Testing

@Suite("Credentials headers parse back and verify as a server would check them")
struct DigestVerificationTests {
    @Test func rfc2617AuthorizationVerifies() throws {
        let header = """
            Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", \
            uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", \
            response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"
            """
        let credentials = try DigestAuthorization.parse(header)
        #expect(credentials.username == "Mufasa" && credentials.uri == "/dir/index.html")
        #expect(credentials.challenge.opaque == "5ccc069c403ebaf9f0171e9517f40e41")
        #expect(credentials.verifies(password: "Circle Of Life", method: "GET"))
        #expect(!credentials.verifies(password: "Circle of Life", method: "GET"))
        #expect(!credentials.verifies(password: "Circle Of Life", method: "POST"))
    }

    @Test func ourAnswersRoundTripForEveryAlgorithm() throws {
        for algorithm in DigestAlgorithm.allCases {
            let challenge = DigestChallenge(
                realm: "trunk.test", nonce: "n", opaque: "o", algorithm: algorithm, qop: ["auth"])
            let answer = try DigestAuthorization(
                challenge: challenge, credentials: DigestCredentials(username: #"a "q" user"#, password: "pw"),
                method: "BYE", uri: "sip:x@y", cnonce: "c", nonceCount: 3)
            let parsed = try DigestAuthorization.parse(answer.headerValue)
            #expect(parsed == answer)
            #expect(parsed.verifies(password: "pw", method: "BYE") && !parsed.verifies(password: "px", method: "BYE"))
        }
    }

    @Test func theAuthorizationSIPpAcceptedVerifies() throws {
        let invite = try SIPpCapture.steps("auth").filter(\.outgoing)[2].bytes
        guard case .request(let request) = try SIPParser().parse(invite) else { throw Fixture.FixtureMissing(name: "") }
        let credentials = try DigestAuthorization.parse(try #require(request.headers["authorization"]))
        #expect(credentials.verifies(password: "s3cret", method: "INVITE"))
        #expect(credentials.uri == request.uri.description)
    }

    @Test(arguments: [
        "Basic dXNlcjpwYXNz", "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:a@b\"",
        "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:a@b\", response=\"x\", qop=auth",
        "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:a@b\", response=\"x\", algorithm=MD4",
    ])
    func incompleteCredentialsAreRefused(_ text: String) {
        #expect(throws: SIPError.self) { try DigestAuthorization.parse(text) }
    }
}
