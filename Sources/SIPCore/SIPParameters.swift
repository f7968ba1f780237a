/// An ordered list of parameters with case-insensitive lookup by name.
public struct SIPParameters: Equatable, Hashable, Sendable {
    /// The parameters in the order they were written.
    public var items: [SIPParameter]

    /// A list of parameters.
    public init(_ items: [SIPParameter] = []) { self.items = items }

    /// The value of the first parameter named `name`; `.some(nil)` for a flag, nil when absent.
    public subscript(name: String) -> String?? {
        let key = name.lowercased()
        for item in items where item.name.lowercased() == key { return .some(item.value) }
        return nil
    }

    /// Whether a parameter named `name` is present.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Replaces every parameter named `name` with one, or appends it.
    public mutating func set(_ name: String, _ value: String?) {
        let key = name.lowercased()
        items.removeAll { $0.name.lowercased() == key }
        items.append(SIPParameter(name, value))
    }

    /// The parameters as written in a message: `;a=b;c`.
    public var text: String {
        var out = ""
        for item in items {
            out += ";" + item.name
            if let value = item.value { out += "=" + value }
        }
        return out
    }

    /// Parses `;name[=value]` repeatedly from the scanner, allowing linear white space around the separators,
    /// and stops before anything else (a comma, the end).
    static func parse(_ scanner: inout ByteScanner, header: String) throws(SIPError) -> SIPParameters {
        var items: [SIPParameter] = []
        while scanner.consume(Byte.semicolon) {
            scanner.skipWhitespace()
            guard let name = scanner.token() else { throw .badValue(header: header, reason: "empty parameter") }
            var value: String?
            if scanner.consume(Byte.equals) {
                scanner.skipWhitespace()
                if scanner.peek() == Byte.quote {
                    value = "\"" + Self.escape(try scanner.quotedString(header: header)) + "\""
                } else {
                    let text = scanner.take(while: Byte.isParameterValue)
                    guard !text.isEmpty else {
                        throw .badValue(header: header, reason: "parameter \(name) has no value")
                    }
                    value = text
                }
            }
            items.append(SIPParameter(name, value))
            scanner.skipWhitespace()
        }
        return SIPParameters(items)
    }

    /// Escapes `"` and `\` for a quoted string.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == Byte.quote || $0 == Byte.backslash }) else { return text }
        var out = ""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
