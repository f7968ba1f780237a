/// Writes small JSON objects of strings by hand: `JSONEncoder` costs more than the SQL it feeds on the hot path
/// (two event payloads per call).
enum JSONText {
    /// `{"a":"1","b":"2"}` with keys sorted and strings escaped per RFC 8259.
    static func object(_ fields: [String: String]) -> String {
        var out = "{"
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            append(key, to: &out)
            out += ":"
            append(fields[key] ?? "", to: &out)
        }
        return out + "}"
    }

    private static func append(_ text: String, to out: inout String) {
        out += "\""
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
        out += "\""
    }
}
