/// The answer to a digest challenge: the Authorization or Proxy-Authorization value (RFC 7616 §3.4, RFC 2617 §3.2.2).
public struct DigestAuthorization: Equatable, Hashable, Sendable {
    /// The challenge answered.
    public var challenge: DigestChallenge
    /// The username sent.
    public var username: String
    /// The digest-uri (the Request-URI for SIP).
    public var uri: String
    /// The qop chosen (`auth` preferred over `auth-int`), nil for an RFC 2069 challenge.
    public var qop: String?
    /// The client nonce, sent with a qop.
    public var cnonce: String?
    /// The nonce count as eight hex digits, sent with a qop.
    public var nonceCount: String?
    /// The response digest.
    public var response: String

    /// Computes the answer to `challenge` for a request with `method`, `uri` and `body` (used by `auth-int`).
    public init(
        challenge: DigestChallenge, credentials: DigestCredentials, method: String, uri: String,
        cnonce: String, nonceCount: UInt32 = 1, body: [UInt8] = []
    ) throws(SIPError) {
        let algorithm = challenge.algorithm
        let qop: String?
        if challenge.qop.isEmpty {
            qop = nil
        } else if challenge.qop.contains("auth") {
            qop = "auth"
        } else if challenge.qop.contains("auth-int") {
            qop = "auth-int"
        } else {
            throw .digest("no supported qop in \(challenge.qop)")
        }
        guard qop != nil || !algorithm.isSession else { throw .digest("a -sess algorithm needs a qop") }
        let count = Self.hex8(nonceCount)
        let response = Self.response(
            challenge: challenge, credentials: credentials, method: method, uri: uri, qop: qop, nonceCount: count,
            cnonce: cnonce, body: body)
        self.challenge = challenge
        self.username = credentials.username
        self.uri = uri
        self.qop = qop
        self.cnonce = qop == nil ? nil : cnonce
        self.nonceCount = qop == nil ? nil : count
        self.response = response
    }

    /// The header value: quoted username, realm, nonce, uri, response, cnonce, opaque; bare algorithm, qop, nc.
    public var headerValue: String {
        func quoted(_ text: String) -> String { "\"" + SIPParameters.escape(text) + "\"" }
        var parts = [
            "username=" + quoted(username), "realm=" + quoted(challenge.realm), "nonce=" + quoted(challenge.nonce),
            "uri=" + quoted(uri), "response=" + quoted(response), "algorithm=" + challenge.algorithm.rawValue,
        ]
        if let qop, let cnonce, let nonceCount {
            parts += ["qop=" + qop, "nc=" + nonceCount, "cnonce=" + quoted(cnonce)]
        }
        if let opaque = challenge.opaque { parts.append("opaque=" + quoted(opaque)) }
        return "Digest " + parts.joined(separator: ", ")
    }

    /// The response digest (RFC 7616 §3.4.1): H(HA1:nonce:nc:cnonce:qop:HA2) with a qop, H(HA1:nonce:HA2) without.
    static func response(
        challenge: DigestChallenge, credentials: DigestCredentials, method: String, uri: String, qop: String?,
        nonceCount: String, cnonce: String, body: [UInt8]
    ) -> String {
        let algorithm = challenge.algorithm
        var ha1 = algorithm.hash("\(credentials.username):\(challenge.realm):\(credentials.password)")
        if algorithm.isSession { ha1 = algorithm.hash("\(ha1):\(challenge.nonce):\(cnonce)") }
        let a2 = qop == "auth-int" ? "\(method):\(uri):\(algorithm.hash(body))" : "\(method):\(uri)"
        let ha2 = algorithm.hash(a2)
        guard let qop else { return algorithm.hash("\(ha1):\(challenge.nonce):\(ha2)") }
        return algorithm.hash("\(ha1):\(challenge.nonce):\(nonceCount):\(cnonce):\(qop):\(ha2)")
    }

    /// A value read from a header, not computed.
    init(
        challenge: DigestChallenge, username: String, uri: String, qop: String?, cnonce: String?,
        nonceCount: String?, response: String
    ) {
        self.challenge = challenge
        self.username = username
        self.uri = uri
        self.qop = qop
        self.cnonce = cnonce
        self.nonceCount = nonceCount
        self.response = response
    }

    private static func hex8(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
