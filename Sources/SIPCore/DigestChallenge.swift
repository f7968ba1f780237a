/// A `Digest` challenge from WWW-Authenticate or Proxy-Authenticate (RFC 7616 §3.3, RFC 3261 §22).
public struct DigestChallenge: Equatable, Hashable, Sendable {
    /// The protection space.
    public var realm: String
    /// The server's nonce.
    public var nonce: String
    /// An opaque value to return unchanged, when sent.
    public var opaque: String?
    /// The algorithm; MD5 when the challenge names none.
    public var algorithm: DigestAlgorithm
    /// The qop values offered (`auth`, `auth-int`), empty for an RFC 2069 challenge.
    public var qop: [String]
    /// Whether the previous nonce was stale (credentials were right).
    public var stale: Bool

    /// A challenge.
    public init(
        realm: String, nonce: String, opaque: String? = nil, algorithm: DigestAlgorithm = .md5,
        qop: [String] = [], stale: Bool = false
    ) {
        self.realm = realm
        self.nonce = nonce
        self.opaque = opaque
        self.algorithm = algorithm
        self.qop = qop
        self.stale = stale
    }

    /// Parses `Digest realm="…", nonce="…", …`; another scheme, an unknown algorithm, or a missing realm or nonce
    /// is refused.
    public static func parse(_ text: String) throws(SIPError) -> DigestChallenge {
        var scanner = ByteScanner(text)
        scanner.skipWhitespace()
        guard let scheme = scanner.token(), scheme.lowercased() == "digest" else {
            throw .digest("the challenge's scheme is not Digest")
        }
        let params = try authParams(&scanner)
        guard let realm = params["realm"] else { throw .digest("the challenge has no realm") }
        guard let nonce = params["nonce"] else { throw .digest("the challenge has no nonce") }
        var algorithm = DigestAlgorithm.md5
        if let name = params["algorithm"] {
            guard let known = DigestAlgorithm(name: name) else { throw .digest("unsupported algorithm \(name)") }
            algorithm = known
        }
        let qop = (params["qop"] ?? "").split(separator: ",").map { String($0).trimmingLWS().lowercased() }
            .filter { !$0.isEmpty }
        return DigestChallenge(
            realm: realm, nonce: nonce, opaque: params["opaque"], algorithm: algorithm, qop: qop,
            stale: params["stale"]?.lowercased() == "true")
    }

    /// `name=value` or `name="value"` pairs separated by commas; names in lower case, values unquoted.
    static func authParams(_ scanner: inout ByteScanner) throws(SIPError) -> [String: String] {
        var out: [String: String] = [:]
        repeat {
            scanner.skipWhitespace()
            if scanner.atEnd { break }
            guard let name = scanner.token(), scanner.consume(Byte.equals) else {
                throw .digest("a challenge parameter is not name=value")
            }
            scanner.skipWhitespace()
            let value: String
            if scanner.peek() == Byte.quote {
                do { value = try scanner.quotedString(header: "Authenticate") } catch {
                    throw .digest("unterminated quote")
                }
            } else {
                value = scanner.take(while: { $0 != Byte.comma && !Byte.isWhitespace($0) })
            }
            out[name.lowercased()] = value
            scanner.skipWhitespace()
        } while scanner.consume(Byte.comma)
        guard scanner.atEnd else { throw .digest("stray characters in the challenge") }
        return out
    }
}
