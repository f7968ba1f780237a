/// A valid phone number, normalised.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// The country calling code, such as `44`.
    public let countryCode: Int
    /// The national significant number: digits after the country code, without national prefix.
    public let nationalNumber: String
    /// The region the number belongs to (`GB`, `IM`, …), or `001` for non-geographic services.
    public let region: String
    /// The line type, where the metadata can tell.
    public let type: PhoneNumberType
    /// The number in E.164 form, such as `+442079460958`; stored because an import reads it
    /// several times per number (repeats in the row, the lead, the duplicate table).
    public let e164: String

    /// Creates a number from the ASCII digits of its national significant number.
    init(countryCode: Int, nationalDigits: UnsafeBufferPointer<UInt8>, region: String, type: PhoneNumberType) {
        self.countryCode = countryCode
        self.nationalNumber = String(decoding: nationalDigits, as: UTF8.self)
        self.region = region
        self.type = type
        var codeDigits = 1
        var power = 10
        while countryCode >= power {
            power *= 10
            codeDigits += 1
        }
        // Written byte by byte: interpolation stood out in profiles of large imports.
        self.e164 = String(unsafeUninitializedCapacity: 1 + codeDigits + nationalDigits.count) { bytes in
            bytes[0] = UInt8(ascii: "+")
            var rest = countryCode
            for index in stride(from: codeDigits, to: 0, by: -1) {
                bytes[index] = UInt8(48 + rest % 10)
                rest /= 10
            }
            _ = UnsafeMutableBufferPointer(rebasing: bytes[(1 + codeDigits)...]).initialize(from: nationalDigits)
            return 1 + codeDigits + nationalDigits.count
        }
    }

    /// The E.164 form.
    public var description: String { e164 }
}

/// Why a phone-number cell was not accepted.
public enum PhoneNumberRejection: Sendable, Hashable, CustomStringConvertible {
    /// The cell is empty.
    case empty
    /// The number carries an extension (`x123`, `ext. 5`, `#5`), which cannot be dialled directly.
    case hasExtension
    /// The number contains letters (a vanity number such as `1-800-FLOWERS`, or text).
    case containsLetters
    /// A character that never appears in phone numbers.
    case invalidCharacter(Character)
    /// Too few digits to be a phone number at all.
    case notANumber
    /// The number starts with `+` or an international prefix followed by an unknown country code.
    case invalidCountryCode
    /// Fewer digits than any number of its plan.
    case tooShort
    /// More digits than any number of its plan.
    case tooLong
    /// Right length but not a number the plan of `region` allows.
    case notValidForRegion(String)

    /// A short reason for an error file.
    public var description: String {
        switch self {
        case .empty: return "empty"
        case .hasExtension: return "has extension"
        case .containsLetters: return "contains letters"
        case .invalidCharacter(let character): return "invalid character '\(character)'"
        case .notANumber: return "not a phone number"
        case .invalidCountryCode: return "invalid country code"
        case .tooShort: return "too short"
        case .tooLong: return "too long"
        case .notValidForRegion(let region): return "not a valid number for \(region)"
        }
    }
}

/// The result of parsing one phone-number cell.
public enum PhoneParseOutcome: Sendable, Hashable {
    /// A valid number.
    case valid(PhoneNumber)
    /// Rejected, with the reason.
    case invalid(PhoneNumberRejection)

    /// The number, when valid.
    public var number: PhoneNumber? {
        if case .valid(let number) = self { return number }
        return nil
    }
}
