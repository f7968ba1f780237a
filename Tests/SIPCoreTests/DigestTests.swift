import SIPCore
import Testing

@Suite("Digest answers match the RFC test vectors, for MD5 and SHA-256 and their -sess forms")
struct DigestTests {
    let mufasa = DigestCredentials(username: "Mufasa", password: "Circle of Life")

    @Test func rfc7616MD5AndSHA256() throws {
        for (algorithm, expected) in [
            (DigestAlgorithm.md5, "8ca523f5e9506fed4657c9700eebdbec"),
            (.sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
        ] {
            let challenge = try DigestChallenge.parse(
                """
                Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=\(algorithm.rawValue), \
                nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", \
                opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
                """)
            #expect(challenge.qop == ["auth", "auth-int"] && challenge.algorithm == algorithm)
            let answer = try DigestAuthorization(
                challenge: challenge, credentials: mufasa, method: "GET", uri: "/dir/index.html",
                cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
            #expect(answer.response == expected)
            #expect(answer.qop == "auth" && answer.nonceCount == "00000001")
            #expect(answer.headerValue.contains("response=\"\(expected)\""))
            #expect(
                answer.headerValue.contains(
                    "qop=auth, nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\""))
            #expect(answer.headerValue.contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""))
            #expect(answer.headerValue.contains("algorithm=\(algorithm.rawValue),"))
        }
    }

    @Test func rfc2617MD5() throws {
        let challenge = try DigestChallenge.parse(
            #"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#
        )
        let answer = try DigestAuthorization(
            challenge: challenge, credentials: DigestCredentials(username: "Mufasa", password: "Circle Of Life"),
            method: "GET", uri: "/dir/index.html", cnonce: "0a4f113b")
        #expect(answer.response == "6629fae49393a05397450978507c4ef1")
    }

    @Test func sippVectorFromTheNotes() throws {
        let challenge = DigestChallenge(realm: "trunk.test", nonce: "18772n1c0ffee", qop: ["auth"])
        let answer = try DigestAuthorization(
            challenge: challenge, credentials: DigestCredentials(username: "alice", password: "s3cret"),
            method: "INVITE", uri: "sip:127.0.0.1:5078", cnonce: "6b8b4567")
        #expect(answer.response == "046b71b1ad73a279182fc30fdf52077a")
        #expect(DigestAlgorithm.md5.hash("alice:trunk.test:s3cret") == "fc8bf3d4d0bd2222e39e6cc17ca7654e")
    }

    @Test func sessionVariantsNoQopAndAuthInt() throws {
        let alice = DigestCredentials(username: "alice", password: "s3cret")
        for (algorithm, expected) in [
            (DigestAlgorithm.md5Session, "3d442ed2f4b6c1dc45d94d2f07827707"),
            (.sha256Session, "6ab7b24c198e0d5741ec5c69092f974278d6b5ab399a3c47ff8b6df98959b6a1"),
        ] {
            let challenge = DigestChallenge(realm: "trunk.test", nonce: "n1", algorithm: algorithm, qop: ["auth"])
            let answer = try DigestAuthorization(
                challenge: challenge, credentials: alice, method: "BYE", uri: "sip:a@b", cnonce: "c1", nonceCount: 2)
            #expect(answer.response == expected && answer.nonceCount == "00000002")
        }
        let rfc2069 = try DigestAuthorization(
            challenge: DigestChallenge(realm: "trunk.test", nonce: "abc"), credentials: alice, method: "INVITE",
            uri: "sip:b@c", cnonce: "unused")
        #expect(rfc2069.response == "d27078a155b7ed7fc26d75fac6f8ca44" && rfc2069.qop == nil)
        #expect(!rfc2069.headerValue.contains("cnonce") && !rfc2069.headerValue.contains("qop"))
        let authInt = try DigestAuthorization(
            challenge: DigestChallenge(realm: "r", nonce: "n", qop: ["auth-int"]),
            credentials: DigestCredentials(username: "alice", password: "p"), method: "INVITE", uri: "sip:b@c",
            cnonce: "cn", body: Array("hello".utf8))
        #expect(authInt.response == "74da033f20fc49674f94facdc879e650")
    }

    @Test func quotingOfUsernamesAndStale() throws {
        let challenge = try DigestChallenge.parse(#"digest realm="a \"b\"",nonce=xyz,stale=TRUE,algorithm=sha-256"#)
        #expect(challenge.realm == #"a "b""# && challenge.nonce == "xyz" && challenge.stale)
        #expect(challenge.algorithm == .sha256)
        let answer = try DigestAuthorization(
            challenge: challenge, credentials: DigestCredentials(username: #"we\"ird"#, password: "p"),
            method: "INVITE", uri: "sip:x@y", cnonce: "c")
        #expect(answer.headerValue.hasPrefix(#"Digest username="we\\\"ird", realm="a \"b\"", nonce="xyz""#))
    }

    @Test(arguments: [
        "Basic realm=\"x\"", "Digest nonce=\"n\"", "Digest realm=\"r\"",
        "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256",
        "Digest realm=\"r, nonce=n", "Digest realm", "", "Digest realm=\"r\" nonce=\"n\"",
    ])
    func challengesWeCannotAnswerAreRefused(_ text: String) {
        #expect(throws: SIPError.self) { try DigestChallenge.parse(text) }
    }

    @Test func aQopWeDoNotKnowIsRefused() {
        let challenge = DigestChallenge(realm: "r", nonce: "n", qop: ["auth-conf"])
        #expect(throws: SIPError.digest("no supported qop in [\"auth-conf\"]")) {
            try DigestAuthorization(
                challenge: challenge, credentials: DigestCredentials(username: "u", password: "p"), method: "INVITE",
                uri: "sip:a@b", cnonce: "c")
        }
    }
}
