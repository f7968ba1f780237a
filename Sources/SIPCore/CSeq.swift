/// The CSeq value: a sequence number below 2³¹ and the request's method (RFC 3261 §20.16).
public struct CSeq: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The sequence number.
    public var number: UInt32
    /// The method of the request this number belongs to.
    public var method: SIPMethod

    /// A CSeq value.
    public init(_ number: UInt32, _ method: SIPMethod) {
        self.number = number
        self.method = method
    }

    /// The value as written in a message.
    public var description: String { String(number) + " " + method.rawValue }

    /// Parses `number method`; a number of 2³¹ or more, or a method that is not a token, is refused.
    public static func parse(_ text: String) throws(SIPError) -> CSeq {
        var scanner = ByteScanner(text)
        scanner.skipWhitespace()
        let digits = scanner.take(while: Byte.isDigit)
        guard let number = Byte.decimal(Substring(digits), limit: 0x7FFF_FFFF) else {
            throw .badValue(header: "CSeq", reason: "sequence number missing or not below 2^31")
        }
        scanner.skipWhitespace()
        guard let method = scanner.token() else { throw .badValue(header: "CSeq", reason: "no method") }
        scanner.skipWhitespace()
        guard scanner.atEnd else { throw .badValue(header: "CSeq", reason: "stray characters") }
        return CSeq(UInt32(number), SIPMethod(method))
    }
}
