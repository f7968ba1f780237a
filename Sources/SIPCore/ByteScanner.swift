/// A cursor over the bytes of one header value: tokens, quoted strings, separators and linear white space.
struct ByteScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    init(bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count, Byte.isWhitespace(bytes[index]) { index += 1 }
    }

    /// Consumes `byte` (after optional white space) when it is next; otherwise leaves the cursor where it was.
    mutating func consume(_ byte: UInt8, skippingWhitespace: Bool = true) -> Bool {
        let start = index
        if skippingWhitespace { skipWhitespace() }
        if peek() == byte {
            index += 1
            return true
        }
        index = start
        return false
    }

    /// A run of bytes for which `accept` holds, possibly empty.
    mutating func take(while accept: (UInt8) -> Bool) -> String {
        let start = index
        while index < bytes.count, accept(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// One RFC 3261 token, or nil when the next byte cannot start one.
    mutating func token() -> String? {
        let text = take(while: Byte.isToken)
        return text.isEmpty ? nil : text
    }

    /// A quoted string with its escapes removed; the cursor must be on the opening quote.
    mutating func quotedString(header: String) throws(SIPError) -> String {
        guard peek() == Byte.quote else { throw .badValue(header: header, reason: "expected a quoted string") }
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.backslash {
                guard index + 1 < bytes.count else { break }
                out.append(bytes[index + 1])
                index += 2
                continue
            }
            index += 1
            if byte == Byte.quote { return String(decoding: out, as: UTF8.self) }
            out.append(byte)
        }
        throw .badValue(header: header, reason: "unterminated quoted string")
    }

    /// Everything from the cursor to the end.
    mutating func rest() -> String {
        let text = String(decoding: bytes[min(index, bytes.count)...], as: UTF8.self)
        index = bytes.count
        return text
    }
}
