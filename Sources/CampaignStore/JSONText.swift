/// Writes small JSON objects of strings by hand: `JSONEncoder` costs more than the SQL it feeds on the hot path
/// (two event payloads per call).
enum JSONText {
    /// `{"a":"1","b":"2"}` with keys sorted and strings escaped per RFC 8259.
    static func object(_ fields: [String: String]) -> String {
        object(sortedFields: fields.sorted { $0.key < $1.key })
    }

    /// The same for fields whose keys the caller already gives in sorted order (the hot path's literal keys).
    static func object(sortedFields fields: [(key: String, value: String)]) -> String {
        var out = "{"
        out.reserveCapacity(fields.reduce(2) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            append(field.key, to: &out)
            out += ":"
            append(field.value, to: &out)
        }
        return out + "}"
    }

    /// `["1","2"]`, strings escaped as in ``object(_:)``.
    static func array(_ values: [String]) -> String {
        var out = "["
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            append(value, to: &out)
        }
        return out + "]"
    }

    private static func append(_ text: String, to out: inout String) {
        out += "\""
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += text
        } else {
            appendEscaped(text, to: &out)
        }
        out += "\""
    }

    private static func appendEscaped(_ text: String, to out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
