/// One Via value (RFC 3261 §20.42, RFC 3581): `SIP/2.0/UDP host:port;branch=…;received=…;rport`.
public struct Via: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The transport in upper case (`UDP`, `TCP`, …).
    public var transport: String
    /// The sent-by host.
    public var host: String
    /// The sent-by port, when written.
    public var port: Int?
    /// The parameters (`branch`, `received`, `rport`, …).
    public var parameters: SIPParameters

    /// A Via value.
    public init(transport: String = "UDP", host: String, port: Int? = nil, parameters: SIPParameters = SIPParameters())
    {
        self.transport = transport
        self.host = host
        self.port = port
        self.parameters = parameters
    }

    /// The transaction identifier.
    public var branch: String? { parameters["branch"] ?? nil }

    /// The address the next hop saw the request come from, when it added one.
    public var received: String? { parameters["received"] ?? nil }

    /// The port the next hop saw the request come from (`;rport=N`); nil when absent or only requested.
    public var rport: Int? {
        guard case .some(.some(let text)) = parameters["rport"] else { return nil }
        return Byte.decimal(Substring(text), limit: 65_535).map(Int.init)
    }

    /// The value as written in a message.
    public var description: String {
        var out = "SIP/2.0/" + transport + " " + host
        if let port { out += ":" + String(port) }
        return out + parameters.text
    }

    /// Parses one or several comma-separated Via values; white space is allowed around `/`, `:`, `;` and `=`.
    public static func parseList(_ text: String) throws(SIPError) -> [Via] {
        var scanner = ByteScanner(text)
        var out: [Via] = []
        repeat {
            out.append(try parse(&scanner))
        } while scanner.consume(Byte.comma)
        scanner.skipWhitespace()
        guard scanner.atEnd else { throw .badValue(header: "Via", reason: "stray characters") }
        return out
    }

    static func parse(_ scanner: inout ByteScanner) throws(SIPError) -> Via {
        scanner.skipWhitespace()
        guard let name = scanner.token(), name.uppercased() == "SIP", scanner.consume(Byte.slash) else {
            throw .badValue(header: "Via", reason: "expected SIP/2.0/transport")
        }
        scanner.skipWhitespace()
        guard scanner.token() == "2.0", scanner.consume(Byte.slash) else {
            throw .badValue(header: "Via", reason: "unsupported protocol version")
        }
        scanner.skipWhitespace()
        guard let transport = scanner.token() else { throw .badValue(header: "Via", reason: "no transport") }
        scanner.skipWhitespace()
        let host: String
        if scanner.peek() == Byte.openBracket {
            let inner = scanner.take(while: { $0 != Byte.closeBracket })
            guard scanner.consume(Byte.closeBracket, skippingWhitespace: false) else {
                throw .badValue(header: "Via", reason: "bad IPv6 reference")
            }
            host = inner + "]"
        } else {
            host = scanner.take(while: Byte.isHost)
        }
        guard !host.isEmpty else { throw .badValue(header: "Via", reason: "no sent-by host") }
        var port: Int?
        if scanner.consume(Byte.colon) {
            scanner.skipWhitespace()
            guard let value = Byte.decimal(Substring(scanner.take(while: Byte.isDigit)), limit: 65_535) else {
                throw .badValue(header: "Via", reason: "bad port")
            }
            port = Int(value)
        }
        let parameters = try SIPParameters.parse(&scanner, header: "Via")
        return Via(transport: transport.uppercased(), host: host, port: port, parameters: parameters)
    }
}
