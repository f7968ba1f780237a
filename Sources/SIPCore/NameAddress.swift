/// A From, To, Contact, Route or Record-Route value: an optional display name, a URI and header parameters
/// (RFC 3261 §20.10, name-addr or addr-spec).
public struct NameAddress: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The display name without quotes or escapes, when present.
    public var displayName: String?
    /// The address.
    public var uri: SIPURI
    /// The header parameters after the address (`;tag=…`, `;expires=…`).
    public var parameters: SIPParameters

    /// An address.
    public init(displayName: String? = nil, uri: SIPURI, parameters: SIPParameters = SIPParameters()) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
    }

    /// The `tag` parameter (dialog identifier), when present.
    public var tag: String? {
        get { parameters["tag"] ?? nil }
        set { parameters.set("tag", newValue) }
    }

    /// Always written as name-addr (`"Name" <uri>;params`), which is valid whatever the URI holds.
    public var description: String {
        var out = ""
        if let displayName { out += "\"" + SIPParameters.escape(displayName) + "\" " }
        return out + "<" + uri.description + ">" + parameters.text
    }

    /// Parses one value; a display name that is neither a quoted string nor tokens, a URI with white space inside
    /// `< >`, an addr-spec holding `?` or `,`, or an empty parameter is refused.
    public static func parse(_ text: String, header: String) throws(SIPError) -> NameAddress {
        var scanner = ByteScanner(text)
        let address = try parse(&scanner, header: header)
        guard scanner.atEnd else { throw .badValue(header: header, reason: "stray characters after the address") }
        return address
    }

    static func parse(_ scanner: inout ByteScanner, header: String) throws(SIPError) -> NameAddress {
        scanner.skipWhitespace()
        var displayName: String?
        if scanner.peek() == Byte.quote {
            displayName = try scanner.quotedString(header: header)
            scanner.skipWhitespace()
            guard scanner.peek() == Byte.less else {
                throw .badValue(header: header, reason: "display name without <address>")
            }
        } else if hasAngleAddress(scanner) {
            let words = scanner.take(while: { Byte.isToken($0) || $0 == Byte.space || $0 == Byte.tab })
            guard scanner.peek() == Byte.less else {
                throw .badValue(header: header, reason: "display name holds characters a token may not")
            }
            let trimmed = words.trimmingLWS()
            displayName = trimmed.isEmpty ? nil : trimmed
        }
        let uri: SIPURI
        if scanner.consume(Byte.less) {
            let inner = scanner.take(while: { $0 != Byte.greater })
            guard scanner.consume(Byte.greater, skippingWhitespace: false) else {
                throw .badValue(header: header, reason: "unterminated <address>")
            }
            uri = try SIPURI.parse(inner, header: header)
        } else {
            let spec = scanner.take(while: {
                $0 != Byte.semicolon && $0 != Byte.comma && !Byte.isWhitespace($0)
            })
            uri = try SIPURI.parse(spec, header: header)
            guard uri.headers == nil else {
                throw .badValue(header: header, reason: "an address with ? must be enclosed in < >")
            }
        }
        let parameters = try SIPParameters.parse(&scanner, header: header)
        scanner.skipWhitespace()
        return NameAddress(displayName: displayName, uri: uri, parameters: parameters)
    }

    /// Whether a `<` comes before the end of this element (outside quotes), so the value is a name-addr.
    private static func hasAngleAddress(_ scanner: ByteScanner) -> Bool {
        var index = scanner.index
        while index < scanner.bytes.count {
            let byte = scanner.bytes[index]
            if byte == Byte.less { return true }
            if byte == Byte.comma || byte == Byte.semicolon { return false }
            index += 1
        }
        return false
    }

    /// Parses a comma-separated list (Contact, Route, Record-Route); empty elements are refused.
    public static func parseList(_ text: String, header: String) throws(SIPError) -> [NameAddress] {
        var scanner = ByteScanner(text)
        var out: [NameAddress] = []
        repeat {
            out.append(try parse(&scanner, header: header))
        } while scanner.consume(Byte.comma)
        guard scanner.atEnd else { throw .badValue(header: header, reason: "stray characters in the list") }
        return out
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR or LF.
    func trimmingLWS() -> String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { !Byte.isWhitespace($0) }),
            let last = bytes.lastIndex(where: { !Byte.isWhitespace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
