extension DigestAuthorization {
    /// Parses an Authorization or Proxy-Authorization `Digest …` value, as a server receives it.
    public static func parse(_ text: String) throws(SIPError) -> DigestAuthorization {
        var scanner = ByteScanner(text)
        scanner.skipWhitespace()
        guard let scheme = scanner.token(), scheme.lowercased() == "digest" else {
            throw .digest("the credentials' scheme is not Digest")
        }
        let params = try DigestChallenge.authParams(&scanner)
        guard let username = params["username"], let realm = params["realm"], let nonce = params["nonce"],
            let uri = params["uri"], let response = params["response"]
        else { throw .digest("the credentials lack username, realm, nonce, uri or response") }
        var algorithm = DigestAlgorithm.md5
        if let name = params["algorithm"] {
            guard let known = DigestAlgorithm(name: name) else { throw .digest("unsupported algorithm \(name)") }
            algorithm = known
        }
        let qop = params["qop"]?.lowercased()
        guard qop == nil || (params["nc"] != nil && params["cnonce"] != nil) else {
            throw .digest("a qop without nc and cnonce")
        }
        let challenge = DigestChallenge(
            realm: realm, nonce: nonce, opaque: params["opaque"], algorithm: algorithm, qop: qop.map { [$0] } ?? [])
        return DigestAuthorization(
            challenge: challenge, username: username, uri: uri, qop: qop, cnonce: params["cnonce"],
            nonceCount: params["nc"], response: response)
    }

    /// Whether the response is the one `password` gives for `method` (and `body` with auth-int), as a server
    /// checks it.
    public func verifies(password: String, method: String, body: [UInt8] = []) -> Bool {
        let expected = Self.response(
            challenge: challenge, credentials: DigestCredentials(username: username, password: password),
            method: method, uri: uri, qop: qop, nonceCount: nonceCount ?? "", cnonce: cnonce ?? "", body: body)
        return expected == response.lowercased()
    }
}
