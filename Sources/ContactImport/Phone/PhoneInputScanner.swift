/// Reduces a phone-number cell to its digits, rejecting what cannot be dialled as written.
///
/// Accepted: ASCII or full-width digits, one leading `+` (a run of them, as libphonenumber
/// allows), and the punctuation people type (spaces, `-`, `.`, `/`, `~`, brackets, dashes).
/// Extensions and letters are rejected rather than stripped or converted, because a number
/// silently changed is worse for a dialler than a row reported as bad.
enum PhoneInputScanner {
    /// The digits of an accepted cell.
    struct Scanned {
        /// ASCII digits.
        var digits: [UInt8]
        /// Whether the number started with `+`.
        var hasPlus: Bool
        /// Whether libphonenumber would consider the text a possible number at all.
        var isViable: Bool
    }

    /// The digits, or why there are none worth parsing.
    enum Outcome {
        case scanned(Scanned)
        case rejected(PhoneNumberRejection)
    }

    static func scan(_ text: String) -> Outcome {
        var reading = Reading()
        var step = Reading.Step.taken
        var offset = 0
        // An ASCII byte is a whole character, so most cells are read without decoding UTF-8.
        _ = text.utf8.withContiguousStorageIfAvailable { bytes in
            while offset < bytes.count && bytes[offset] < 0x80 {
                step = reading.take(UInt32(bytes[offset]))
                guard step == .taken else { return }
                offset += 1
            }
        }
        if step == .taken && offset < text.utf8.count {
            for scalar in text.unicodeScalars[text.utf8.index(text.startIndex, offsetBy: offset)...] {
                step = reading.take(scalar.value)
                guard step == .taken else { break }
                offset += UTF8.width(scalar)
            }
        }
        switch step {
        case .taken: break
        case .misplacedPlus: return .rejected(.invalidCharacter("+"))
        case .unexpected:
            let index = text.utf8.index(text.startIndex, offsetBy: offset)
            return .rejected(classifyTail(String(text.unicodeScalars[index...])))
        }
        if reading.digits.isEmpty {
            return .rejected(text.trimmingSpaces().isEmpty ? .empty : .notANumber)
        }
        let count = reading.digits.count
        let isViable = count >= 3 || (count == 2 && !reading.hasPlus && !reading.interiorPunctuation)
        return .scanned(Scanned(digits: reading.digits, hasPlus: reading.hasPlus, isViable: isViable))
    }

    /// The state of a scan, fed one character (Unicode scalar) at a time.
    private struct Reading {
        enum Step { case taken, misplacedPlus, unexpected }

        var digits: [UInt8] = []
        var hasPlus = false
        var previousWasPlus = false
        var punctuationSinceDigit = false
        var interiorPunctuation = false

        init() { digits.reserveCapacity(20) }

        mutating func take(_ value: UInt32) -> Step {
            if let digit = digitValue(value) {
                if punctuationSinceDigit { interiorPunctuation = true }
                punctuationSinceDigit = false
                previousWasPlus = false
                digits.append(48 + digit)
            } else if value == 0x2B || value == 0xFF0B {
                guard digits.isEmpty, !hasPlus || previousWasPlus else { return .misplacedPlus }
                hasPlus = true
                previousWasPlus = true
            } else if isPunctuation(value) {
                if !digits.isEmpty { punctuationSinceDigit = true }
                previousWasPlus = false
            } else {
                return .unexpected
            }
            return .taken
        }
    }

    private static func digitValue(_ value: UInt32) -> UInt8? {
        switch value {
        case 0x30...0x39: return UInt8(value - 0x30)
        case 0xFF10...0xFF19: return UInt8(value - 0xFF10)
        default: return nil
        }
    }

    private static func isPunctuation(_ value: UInt32) -> Bool {
        switch value {
        case 0x20, 0x09, 0xA0, 0xAD, 0x200B, 0x2060, 0x3000: return true
        case 0x2D, 0x2E, 0x2F, 0x28, 0x29, 0x5B, 0x5D, 0x7E, 0x2053, 0x223C, 0xFF5E: return true
        case 0x2010...0x2015, 0x2212, 0x30FC, 0xFF0D...0xFF0F, 0xFF08, 0xFF09, 0xFF3B, 0xFF3D: return true
        default: return false
        }
    }

    private static let extensionMarkers = [
        "extension", "extensión", "extn", "ext", "xtn", "xt", "anexo", "int", "x", "#", ",,", ";", ",",
    ]

    /// Decides why text from the first unexpected character on makes the cell unusable.
    static func classifyTail(_ tail: String) -> PhoneNumberRejection {
        let lowered = tail.lowercased().trimmingSpaces()
        if lowered == "#" { return .hasExtension }
        for marker in extensionMarkers where lowered.hasPrefix(marker) {
            var rest = lowered.dropFirst(marker.count)
            while let first = rest.first, ":.".contains(first) || first == " " || first == "\t" || first == "-" {
                rest = rest.dropFirst()
            }
            if rest.hasSuffix("#") { rest = rest.dropLast() }
            if !rest.isEmpty && rest.allSatisfy({ $0.isASCII && $0.isNumber }) { return .hasExtension }
        }
        if tail.contains(where: { $0.isLetter }) { return .containsLetters }
        return .invalidCharacter(tail.first ?? "?")
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and no-break spaces.
    func trimmingSpaces() -> String {
        let untouched = utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            return first != 0x20 && first != 0x09 && first != 0xC2 && last != 0x20 && last != 0x09 && last != 0xA0
        }
        if untouched ?? false { return self }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
