/// Reads a settings document's JSON (RFC 8259) into a ``JSONValue``, strictly and in plain words: a number too
/// large for a double, text that is not UTF-8, a key given twice or nesting past ``maximumDepth`` is an error that
/// names the key it happened under and says what is wrong, never a decoder's type name.
struct JSONReader {
    /// Deepest nesting of arrays and objects accepted (a settings document needs 3).
    static let maximumDepth = 32

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The value the document holds; a UTF-8 byte-order mark in front is allowed.
    static func read(_ data: some Collection<UInt8>) throws(SettingsError) -> JSONValue {
        var reader = JSONReader(Array(data))
        if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        reader.skipWhitespace()
        guard reader.index < reader.bytes.count else {
            throw SettingsError(key: "", reason: "the document is empty (expected a JSON object)")
        }
        let value = try reader.value(path: "", depth: 0)
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw reader.syntax("", "unexpected text after the document") }
        return value
    }

    private mutating func value(path: String, depth: Int) throws(SettingsError) -> JSONValue {
        guard index < bytes.count else { throw syntax(path, "the document ends where a value should be") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(path: path, depth: depth + 1)
        case UInt8(ascii: "["): return try array(path: path, depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string(path: path))
        case UInt8(ascii: "t"): return try literal("true", .bool(true), path: path)
        case UInt8(ascii: "f"): return try literal("false", .bool(false), path: path)
        case UInt8(ascii: "n"): return try literal("null", .null, path: path)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number(path: path)
        default: throw syntax(path, "expected a value, found \(describe(bytes[index]))")
        }
    }

    private mutating func object(path: String, depth: Int) throws(SettingsError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw tooDeep(path) }
        index += 1
        var fields: [String: JSONValue] = [:]
        skipWhitespace()
        if skip("}") { return .object(fields) }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw syntax(path, "expected a key in double quotes")
            }
            let key = try string(path: path, isKey: true)
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard fields[key] == nil else { throw SettingsError(key: keyPath, reason: "is given twice") }
            skipWhitespace()
            guard skip(":") else { throw syntax(keyPath, "expected ':' after the key") }
            skipWhitespace()
            fields[key] = try value(path: keyPath, depth: depth)
            skipWhitespace()
            if skip("}") { return .object(fields) }
            guard skip(",") else { throw syntax(keyPath, "expected ',' or '}' after the value") }
            skipWhitespace()
        }
    }

    private mutating func array(path: String, depth: Int) throws(SettingsError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw tooDeep(path) }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if skip("]") { return .array(items) }
        while true {
            let itemPath = "\(path)[\(items.count)]"
            items.append(try value(path: itemPath, depth: depth))
            skipWhitespace()
            if skip("]") { return .array(items) }
            guard skip(",") else { throw syntax(itemPath, "expected ',' or ']' after the value") }
            skipWhitespace()
        }
    }

    private mutating func string(path: String, isKey: Bool = false) throws(SettingsError) -> String {
        index += 1
        var text: [UInt8] = []
        while true {
            guard index < bytes.count else { throw syntax(path, "a string is not closed with '\"'") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = String(validating: text, as: UTF8.self) else {
                    throw SettingsError(
                        key: path, reason: isKey ? "has a key that is not UTF-8 text" : "is not UTF-8 text")
                }
                return string
            case UInt8(ascii: "\\"): try escape(into: &text, path: path)
            case 0..<0x20: throw syntax(path, "a string holds a raw control character (write it as \\u00XX)")
            default: text.append(byte)
            }
        }
    }

    private mutating func escape(into text: inout [UInt8], path: String) throws(SettingsError) {
        guard index < bytes.count else { throw syntax(path, "a string is not closed with '\"'") }
        let byte = bytes[index]
        index += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
            UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let replacement = simple[byte] {
            text.append(replacement)
            return
        }
        guard byte == UInt8(ascii: "u"), var code = hexQuad() else { throw syntax(path, "a string has a bad escape") }
        if (0xD800...0xDBFF).contains(code) {
            guard skip("\\"), skip("u"), let low = hexQuad(), (0xDC00...0xDFFF).contains(low) else {
                throw syntax(path, "a string has an unpaired \\u surrogate escape")
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else {
            throw syntax(path, "a string has an unpaired \\u surrogate escape")
        }
        text.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func hexQuad() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value * 16 + UInt32(digit)
        }
        index += 4
        return value
    }

    private mutating func number(path: String) throws(SettingsError) -> JSONValue {
        let start = index
        _ = skip("-")
        if skip("0") {
            if index < bytes.count, isDigit(bytes[index]) { throw syntax(path, "a number cannot start with 0") }
        } else if !skipDigits() {
            throw syntax(path, "expected digits in a number")
        }
        if skip("."), !skipDigits() { throw syntax(path, "expected digits after the decimal point") }
        if skip("e") || skip("E") {
            _ = skip("+") || skip("-")
            guard skipDigits() else { throw syntax(path, "expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            throw SettingsError(
                key: path, reason: "the number \(SettingsError.quoted(text)) is too large to be read as a number")
        }
        return .number(number)
    }

    private mutating func literal(_ word: String, _ value: JSONValue, path: String) throws(SettingsError) -> JSONValue {
        let expected = Array(word.utf8)
        guard bytes[index...].starts(with: expected) else {
            throw syntax(path, "expected a value, found \(describe(bytes[index]))")
        }
        index += expected.count
        return value
    }

    private mutating func skipDigits() -> Bool {
        let start = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        return index > start
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte)
            ? "'\(Character(Unicode.Scalar(byte)))'" : "the byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private func tooDeep(_ path: String) -> SettingsError {
        SettingsError(key: path, reason: "is nested more than \(Self.maximumDepth) levels deep")
    }

    /// A syntax error at the current position, with its line and column (both from 1).
    private func syntax(_ path: String, _ problem: String) -> SettingsError {
        let before = bytes[..<min(index, bytes.count)]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = before.count - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return SettingsError(key: path, reason: "not valid JSON: \(problem) (line \(line), column \(column))")
    }
}
