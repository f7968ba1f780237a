/// Byte classes of the RFC 3261 grammar (§25.1).
enum Byte {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let comma: UInt8 = 0x2C
    static let equals: UInt8 = 0x3D
    static let slash: UInt8 = 0x2F
    static let less: UInt8 = 0x3C
    static let greater: UInt8 = 0x3E
    static let at: UInt8 = 0x40
    static let question: UInt8 = 0x3F
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == cr || byte == lf }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    static func isAlphanumeric(_ byte: UInt8) -> Bool { isAlpha(byte) || isDigit(byte) }

    /// `token` characters: alphanumerics and `-.!%*_+`'~`.
    static func isToken(_ byte: UInt8) -> Bool {
        if isAlphanumeric(byte) { return true }
        switch byte {
        case 0x2D, 0x2E, 0x21, 0x25, 0x2A, 0x5F, 0x2B, 0x60, 0x27, 0x7E: return true
        default: return false
        }
    }

    /// Characters allowed in a host name or an IPv4 address.
    static func isHost(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == 0x2D || byte == 0x2E || byte == 0x5F }

    /// Bytes a parameter value may hold when it is not quoted (token, host, IPv6 reference characters).
    static func isParameterValue(_ byte: UInt8) -> Bool {
        isToken(byte) || byte == colon || byte == openBracket || byte == closeBracket || byte == slash
            || byte == at || byte >= 0x80
    }

    /// The bytes as a string when they are valid UTF-8, else nil (a repair would change them); unlike
    /// `String(validating:as:)` this needs no macOS 15.
    static func utf8(_ bytes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    /// The decimal value of an all-digit string, or nil when it is empty, not digits, or above `limit`.
    static func decimal(_ text: Substring, limit: UInt64) -> UInt64? {
        guard !text.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in text.utf8 {
            guard isDigit(byte) else { return nil }
            value = value * 10 + UInt64(byte - 0x30)
            if value > limit { return nil }
        }
        return value
    }
}
