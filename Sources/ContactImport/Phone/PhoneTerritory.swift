/// The numbering plan of one territory (a region such as `GB`, or a non-geographic entity
/// such as the `+800` international freephone service), with its patterns compiled.
///
/// A class so that handing one around costs a single reference count, not one per pattern.
final class PhoneTerritory: Sendable {
    /// A national-number pattern with the lengths that can match it.
    struct Description: Sendable {
        let pattern: DigitPattern
        /// Possible lengths; empty means "any length the general description allows".
        let lengths: [Int]
        /// Lengths that are only diallable locally (general description only).
        let localOnlyLengths: [Int]

        func matches(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
            if !lengths.isEmpty && !lengths.contains(digits.count) { return false }
            return pattern.fullMatch(digits)
        }
    }

    /// Whether a digit string has a length the plan allows (libphonenumber's `ValidationResult`).
    enum LengthCheck: Sendable {
        case possible, possibleLocalOnly, tooShort, tooLong, invalidLength
    }

    /// Region code, or `001` for a non-geographic entity.
    let id: String
    let countryCode: Int
    let countryCodeDigits: [UInt8]
    let internationalPrefix: DigitPattern?
    let nationalPrefixForParsing: DigitPattern?
    /// Replacement for the national prefix, as literal digits and group references.
    let nationalPrefixTransform: [TransformPart]?
    let leadingDigits: DigitPattern?
    let sameMobileAndFixedLinePattern: Bool
    let general: Description
    /// Type descriptions in the order libphonenumber tests them.
    let types: [(PhoneNumberType, Description)]
    let fixedLine: Description?
    let mobile: Description?

    init(
        id: String, countryCode: Int, internationalPrefix: DigitPattern?, nationalPrefixForParsing: DigitPattern?,
        nationalPrefixTransform: [TransformPart]?, leadingDigits: DigitPattern?, sameMobileAndFixedLinePattern: Bool,
        general: Description, types: [(PhoneNumberType, Description)], fixedLine: Description?, mobile: Description?
    ) {
        self.id = id
        self.countryCode = countryCode
        self.countryCodeDigits = Array(String(countryCode).utf8)
        self.internationalPrefix = internationalPrefix
        self.nationalPrefixForParsing = nationalPrefixForParsing
        self.nationalPrefixTransform = nationalPrefixTransform
        self.leadingDigits = leadingDigits
        self.sameMobileAndFixedLinePattern = sameMobileAndFixedLinePattern
        self.general = general
        self.types = types
        self.fixedLine = fixedLine
        self.mobile = mobile
    }

    /// A piece of a national-prefix transform rule such as `868\1`.
    enum TransformPart: Sendable {
        case literal([UInt8])
        case group(Int)
    }

    /// The type of a national significant number, `.unknown` when the plan does not allow it.
    func type(of digits: UnsafeBufferPointer<UInt8>) -> PhoneNumberType {
        guard general.matches(digits) else { return .unknown }
        for (type, description) in types where description.matches(digits) {
            return type
        }
        if let fixedLine, fixedLine.matches(digits) {
            if sameMobileAndFixedLinePattern { return .fixedLineOrMobile }
            if let mobile, mobile.matches(digits) { return .fixedLineOrMobile }
            return .fixedLine
        }
        if !sameMobileAndFixedLinePattern, let mobile, mobile.matches(digits) { return .mobile }
        return .unknown
    }

    /// The type of a national significant number.
    func type(of digits: [UInt8]) -> PhoneNumberType {
        digits.withUnsafeBufferPointer { type(of: $0) }
    }

    /// libphonenumber's `_test_number_length` against the general description.
    func checkLength(_ count: Int) -> LengthCheck {
        if general.localOnlyLengths.contains(count) { return .possibleLocalOnly }
        let lengths = general.lengths
        guard let shortest = lengths.first, let longest = lengths.last else { return .invalidLength }
        if count == shortest { return .possible }
        if count < shortest { return .tooShort }
        if count > longest { return .tooLong }
        return lengths.contains(count) ? .possible : .invalidLength
    }

    /// Strips a national prefix (and carrier code) the way libphonenumber does, returning the
    /// input unchanged when stripping would turn a viable number into an unviable one.
    func strippingNationalPrefix(_ number: [UInt8]) -> [UInt8] {
        guard !number.isEmpty, let prefix = nationalPrefixForParsing,
            let match = prefix.prefixMatch(number)
        else { return number }
        let viableOriginal = general.pattern.fullMatch(number)
        let rest = number[match.end...]
        let candidate: [UInt8]
        if let transform = nationalPrefixTransform, prefix.captureCount > 0,
            match.groups[prefix.captureCount - 1] != nil
        {
            var transformed: [UInt8] = []
            for part in transform {
                switch part {
                case .literal(let digits):
                    transformed.append(contentsOf: digits)
                case .group(let group):
                    if group >= 1, group <= match.groups.count, let range = match.groups[group - 1] {
                        transformed.append(contentsOf: number[range])
                    }
                }
            }
            transformed.append(contentsOf: rest)
            candidate = transformed
        } else {
            candidate = Array(rest)
        }
        if viableOriginal && !general.pattern.fullMatch(candidate) { return number }
        return candidate
    }
}
