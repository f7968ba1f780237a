/// A SIP or SIPS URI (`sip:user@host:port;params?headers`, RFC 3261 §19.1), or any other URI kept opaque.
public struct SIPURI: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The scheme in lower case: `sip`, `sips`, `tel`, …
    public var scheme: String
    /// The user part (with any password), still %-escaped as written; nil when absent.
    public var user: String?
    /// The host: a name, an IPv4 address or an IPv6 reference in brackets. Empty for an opaque URI.
    public var host: String
    /// The port, when written.
    public var port: Int?
    /// The URI parameters (`;transport=udp`, `;lr`).
    public var parameters: SIPParameters
    /// The `?headers` part without its `?`, when written.
    public var headers: String?
    /// For a scheme other than sip or sips: everything after the colon.
    public var opaque: String?

    /// A SIP URI.
    public init(
        scheme: String = "sip", user: String? = nil, host: String, port: Int? = nil,
        parameters: SIPParameters = SIPParameters(), headers: String? = nil
    ) {
        self.scheme = scheme
        self.user = user
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = headers
        self.opaque = nil
    }

    /// Whether this is a `sip:` or `sips:` URI.
    public var isSIP: Bool { opaque == nil }

    /// The URI as written in a message.
    public var description: String {
        if let opaque { return scheme + ":" + opaque }
        var out = scheme + ":"
        if let user { out += user + "@" }
        out += host
        if let port { out += ":" + String(port) }
        out += parameters.text
        if let headers { out += "?" + headers }
        return out
    }

    /// Parses a URI; white space anywhere, a missing scheme or host, or a bad port is refused.
    public static func parse(_ text: String, header: String = "URI") throws(SIPError) -> SIPURI {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, !bytes.contains(where: { Byte.isWhitespace($0) || $0 < 0x20 || $0 == 0x7F }) else {
            throw .badValue(header: header, reason: "URI is empty or holds white space")
        }
        guard let colon = bytes.firstIndex(of: Byte.colon), colon > 0,
            Byte.isAlpha(bytes[0]),
            bytes[..<colon].allSatisfy({ Byte.isAlphanumeric($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
        else { throw .badValue(header: header, reason: "URI has no scheme") }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        let rest = Array(bytes[(colon + 1)...])
        guard scheme == "sip" || scheme == "sips" else {
            guard !rest.isEmpty, !rest.contains(Byte.less), !rest.contains(Byte.greater) else {
                throw .badValue(header: header, reason: "URI \(scheme): is empty or holds < >")
            }
            var uri = SIPURI(scheme: scheme, host: "")
            uri.opaque = String(decoding: rest, as: UTF8.self)
            return uri
        }
        return try parseSIP(scheme: scheme, rest, header: header)
    }

    private static func parseSIP(scheme: String, _ rest: [UInt8], header: String) throws(SIPError) -> SIPURI {
        var body = rest[...]
        var user: String?
        // The user part may hold `?`, `;` and `:` (RFC 4475 §3.1.1.2), but never an unescaped `@`.
        if let at = body.firstIndex(of: Byte.at) {
            let userBytes = body[..<at]
            guard !userBytes.isEmpty, !userBytes.contains(Byte.less), !userBytes.contains(Byte.greater) else {
                throw .badValue(header: header, reason: "URI has a bad user part")
            }
            user = String(decoding: userBytes, as: UTF8.self)
            body = body[(at + 1)...]
        }
        var headers: String?
        if let question = body.firstIndex(of: Byte.question) {
            headers = String(decoding: body[(question + 1)...], as: UTF8.self)
            body = body[..<question]
        }
        var scanner = ByteScanner(bytes: Array(body))
        let host: String
        if scanner.peek() == Byte.openBracket {
            let inner = scanner.take(while: { $0 != Byte.closeBracket })
            guard scanner.consume(Byte.closeBracket, skippingWhitespace: false), inner.count > 1,
                inner.utf8.dropFirst().allSatisfy({ Byte.isAlphanumeric($0) || $0 == Byte.colon || $0 == 0x2E })
            else { throw .badValue(header: header, reason: "URI has a bad IPv6 reference") }
            host = inner + "]"
        } else {
            host = scanner.take(while: Byte.isHost)
        }
        guard !host.isEmpty else { throw .badValue(header: header, reason: "URI has no host") }
        var port: Int?
        if scanner.consume(Byte.colon, skippingWhitespace: false) {
            let digits = scanner.take(while: Byte.isDigit)
            guard let value = Byte.decimal(Substring(digits), limit: 65_535) else {
                throw .badValue(header: header, reason: "URI has a bad port")
            }
            port = Int(value)
        }
        var parameters = SIPParameters()
        while scanner.consume(Byte.semicolon, skippingWhitespace: false) {
            let name = scanner.take(while: { $0 != Byte.equals && $0 != Byte.semicolon })
            guard !name.isEmpty else { throw .badValue(header: header, reason: "URI has an empty parameter") }
            var value: String?
            if scanner.consume(Byte.equals, skippingWhitespace: false) {
                value = scanner.take(while: { $0 != Byte.semicolon })
            }
            parameters.items.append(SIPParameter(name, value))
        }
        guard scanner.atEnd else { throw .badValue(header: header, reason: "URI has stray characters") }
        var uri = SIPURI(scheme: scheme, user: user, host: host, port: port, parameters: parameters)
        uri.headers = headers
        return uri
    }
}
