import Foundation

/// What a lead search (`?q=` of the lead table and of `GET /v1/campaigns/{id}/leads`) looks for, decided from the
/// typed text alone, so that the store answers it from an index:
///
/// - a **number** (digits, optionally after `+`, with spaces, dashes, dots or parentheses between them): leads whose
///   primary number starts with it. `+44 20` is an E.164 prefix (`+4420`); digits without `+` are a national number
///   of the default calling code (`(212) 555` finds `+1212555…`), or the E.164 digits when they start with that code
///   (`1212555`);
/// - anything else a **name**: leads whose `NAME` variable starts with it, compared by ``nameKey(_:)`` (letter case,
///   accents and runs of spaces ignored: `jose gar` finds `José  García`).
public enum LeadSearch: Sendable, Equatable {
    /// Primary numbers starting with this E.164 prefix (`+` and digits).
    case number(prefix: String)
    /// Names whose ``nameKey(_:)`` starts with this key.
    case name(prefix: String)

    /// Characters of a name key kept (a longer name is searched by its start).
    public static let nameKeyLength = 32

    /// The search for `text`, or nil when it holds nothing to look for; `callingCode` is the default region's
    /// country code (`1`: national digits are read as a NANP number).
    public init?(_ text: String, callingCode: String = "1") {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let separators = Set(" -.()/\u{A0}")
        let plus = trimmed.hasPrefix("+")
        let body = plus ? trimmed.dropFirst() : Substring(trimmed)
        let isNumber =
            body.contains(where: \.isASCIIDigit) && body.allSatisfy { $0.isASCIIDigit || separators.contains($0) }
        if isNumber {
            let digits = String(body.filter(\.isASCIIDigit).prefix(15))
            self = .number(prefix: plus || digits.hasPrefix(callingCode) ? "+" + digits : "+" + callingCode + digits)
            return
        }
        let key = Self.nameKey(trimmed)
        guard !key.isEmpty else { return nil }
        self = .name(prefix: key)
    }

    /// The key a name is indexed and searched by: accents and letter case folded, runs of white space one space, no
    /// space at either end, at most ``nameKeyLength`` characters (`"  José  GARCÍA "` → `jose garcia`).
    public static func nameKey(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return asciiKey(name.utf8) }
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        let words = folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return String(words.prefix(nameKeyLength)).trimmingCharacters(in: .whitespaces)
    }

    /// The key of an ASCII name.
    public static func asciiKey(_ bytes: some Sequence<UInt8>) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(nameKeyLength)
        asciiKey(bytes) { key.append($0) }
        return String(decoding: key, as: UTF8.self)
    }

    /// The same byte by byte, handed to `emit` (the import writes it straight into its row buffer).
    public static func asciiKey(_ bytes: some Sequence<UInt8>, emit: (UInt8) -> Void) {
        var count = 0
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = count > 0
                continue
            }
            if pendingSpace {
                guard count < nameKeyLength - 1 else { return }
                emit(0x20)
                count += 1
                pendingSpace = false
            }
            guard count < nameKeyLength else { return }
            emit((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
            count += 1
        }
    }

    /// The smallest text above every text that starts with `prefix` (in byte order): `prefix` followed by the
    /// highest code point.
    public static func upperBound(of prefix: String) -> String { prefix + "\u{10FFFF}" }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
