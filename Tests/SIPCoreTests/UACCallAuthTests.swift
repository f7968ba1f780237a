import SIPCore
import Testing

@Suite("Digest authentication on 401 and 407: one retry with the same Call-ID and CSeq+1, never a loop")
struct UACCallAuthTests {
    let alice = DigestCredentials(username: "alice", password: "s3cret")

    func challenge(_ code: Int, to invite: SIPRequest, algorithm: String = "MD5") -> SIPResponse {
        let header = code == 401 ? "WWW-Authenticate" : "Proxy-Authenticate"
        return FakeTrunk.response(
            to: invite, code, "Unauthorized",
            extra: [
                (header, "Digest realm=\"trunk.test\", nonce=\"18772n1c0ffee\", qop=\"auth\", algorithm=\(algorithm)")
            ])
    }

    @Test(arguments: [(401, "Authorization"), (407, "Proxy-Authorization")])
    func aChallengeIsAnsweredOnce(_ code: Int, _ header: String) throws {
        var harness = try CallHarness(CallHarness.configuration(credentials: alice))
        harness.start()
        let first = harness.lastInvite
        harness.receive(challenge(code, to: first))
        #expect(harness.requests.map(\.method) == [.invite, .ack, .invite] && harness.ending == nil)
        let second = try harness.wire(harness.lastInvite)
        #expect(second.headers["call-id"] == first.headers["call-id"])
        #expect(try second.headers.from().tag == "ourtag" && second.headers.cseq() == CSeq(2, .invite))
        #expect(try second.headers.topVia().branch != first.headers.topVia().branch)
        let value = try #require(second.headers[header])
        let challenge = DigestChallenge(realm: "trunk.test", nonce: "18772n1c0ffee", qop: ["auth"])
        let expected = try DigestAuthorization(
            challenge: challenge, credentials: alice, method: "INVITE", uri: "sip:+15551230000@trunk.example",
            cnonce: "tok2")
        #expect(value == expected.headerValue)
        harness.receive(FakeTrunk.response(to: second, 180, "Ringing"))
        harness.receive(FakeTrunk.ok(to: second))
        let ack = harness.requests(.ack).last!
        #expect(try ack.headers.cseq() == CSeq(2, .ack) && ack.headers[header] == value)
        harness.apply(harness.call.hangUp())
        #expect(try harness.requests(.bye)[0].headers.cseq() == CSeq(3, .bye))
    }

    @Test func aSecondChallengeFailsTheCall() throws {
        var harness = try CallHarness(CallHarness.configuration(credentials: alice))
        harness.start()
        harness.receive(challenge(407, to: harness.lastInvite))
        harness.receive(challenge(407, to: harness.lastInvite))
        #expect(harness.requests(.invite).count == 2)
        #expect(harness.ending?.outcome == .failed && harness.ending?.statusCode == 407)
        #expect(harness.ending?.reason.contains("authentication") == true)
    }

    @Test func aStaleNonceEarnsOneMoreTryAndNoMore() throws {
        var harness = try CallHarness(CallHarness.configuration(credentials: alice))
        harness.start()
        harness.receive(challenge(401, to: harness.lastInvite))
        var stale = challenge(401, to: harness.lastInvite)
        stale.headers.set("WWW-Authenticate", "Digest realm=\"trunk.test\", nonce=\"fresh\", qop=\"auth\", stale=true")
        harness.receive(stale)
        #expect(harness.requests(.invite).count == 3 && harness.ending == nil)
        #expect(harness.lastInvite.headers["authorization"]?.contains("nonce=\"fresh\"") == true)
        #expect(try harness.lastInvite.headers.cseq() == CSeq(3, .invite))
        var staleAgain = challenge(401, to: harness.lastInvite)
        staleAgain.headers.set("WWW-Authenticate", "Digest realm=\"trunk.test\", nonce=\"again\", stale=true")
        harness.receive(staleAgain)
        #expect(harness.requests(.invite).count == 3 && harness.ending?.outcome == .failed)
    }

    @Test func aChallengeWithoutCredentialsFails() throws {
        var harness = try CallHarness()
        harness.start()
        harness.receive(challenge(401, to: harness.lastInvite))
        #expect(harness.ending?.outcome == .failed && harness.requests(.invite).count == 1)
    }

    @Test func sha256IsPreferredWhenOffered() throws {
        var harness = try CallHarness(CallHarness.configuration(credentials: alice))
        harness.start()
        var response = challenge(401, to: harness.lastInvite)
        response.headers.add(
            "WWW-Authenticate", "Digest realm=\"trunk.test\", nonce=\"n2\", qop=\"auth\", algorithm=SHA-256")
        harness.receive(response)
        #expect(harness.lastInvite.headers["authorization"]?.contains("algorithm=SHA-256") == true)
    }

    @Test func anUnanswerableChallengeFails() throws {
        var harness = try CallHarness(CallHarness.configuration(credentials: alice))
        harness.start()
        harness.receive(challenge(401, to: harness.lastInvite, algorithm: "SHA-512-256"))
        #expect(harness.ending?.outcome == .failed && harness.requests(.invite).count == 1)
    }

    @Test func aChallengedBYEIsRetriedOnceWithCredentials() throws {
        var harness = try CallHarness(CallHarness.configuration(credentials: alice))
        harness.start()
        harness.receive(FakeTrunk.ok(to: harness.lastInvite))
        harness.apply(harness.call.hangUp())
        harness.receive(challenge(407, to: harness.requests(.bye)[0]))
        let retry = harness.requests(.bye).last!
        #expect(try retry.headers.cseq() == CSeq(3, .bye) && retry.headers["proxy-authorization"] != nil)
        harness.receive(challenge(407, to: retry))
        #expect(harness.requests(.bye).count == 2 && harness.ending?.outcome == .answered)
    }
}
