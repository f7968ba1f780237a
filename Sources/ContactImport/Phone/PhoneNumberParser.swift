/// Parses phone numbers written in national or international form and validates them
/// against libphonenumber's numbering-plan metadata.
///
/// The steps follow libphonenumber's `parse` and `isValidNumber` so that results agree with
/// it (a differential test checks this): an international prefix (`+`, or the default
/// region's IDD such as `00` or `011`) introduces a country code; otherwise the default
/// region's country code is assumed, or recognised when the digits start with it and only
/// make sense without it; the national prefix (such as the UK's leading `0`) is stripped;
/// the national number must then match the plan's lengths and patterns.
public struct PhoneNumberParser: Sendable {
    /// The metadata in use.
    public let metadata: PhoneMetadata
    /// The region assumed for numbers written without a country code.
    public let defaultRegion: String
    private let defaultTerritory: PhoneTerritory

    private static let minimumNationalLength = 2
    private static let maximumNationalLength = 17

    /// Creates a parser for `defaultRegion` (an ISO 3166-1 alpha-2 code such as `US`).
    public init(metadata: PhoneMetadata, defaultRegion: String) throws(ContactImportError) {
        let region = defaultRegion.uppercased()
        guard let territory = metadata.territory(region: region) else { throw .unknownRegion(defaultRegion) }
        self.metadata = metadata
        self.defaultRegion = region
        self.defaultTerritory = territory
    }

    /// Parses one cell.
    public func parse(_ text: String) -> PhoneParseOutcome {
        let scanned: PhoneInputScanner.Scanned
        switch PhoneInputScanner.scan(text) {
        case .scanned(let value): scanned = value
        case .rejected(let rejection): return .invalid(rejection)
        }
        guard scanned.isViable else { return .invalid(.notANumber) }
        let split: (countryCode: Int, national: [UInt8], written: Bool)
        do {
            split = try splitCountryCode(scanned)
        } catch {
            return .invalid(error.rejection)
        }
        var territory = defaultTerritory
        if split.written, let main = metadata.mainTerritory(countryCode: split.countryCode), main.id != defaultRegion {
            territory = main
        }
        var national = split.national
        guard national.count >= Self.minimumNationalLength else { return .invalid(.tooShort) }
        let stripped = territory.strippingNationalPrefix(national)
        switch territory.checkLength(stripped.count) {
        case .tooShort, .possibleLocalOnly, .invalidLength: break
        case .possible, .tooLong: national = stripped
        }
        guard national.count >= Self.minimumNationalLength else { return .invalid(.tooShort) }
        guard national.count <= Self.maximumNationalLength else { return .invalid(.tooLong) }
        return validate(countryCode: split.countryCode, national: national, parsingTerritory: territory)
    }

    private func splitCountryCode(
        _ scanned: PhoneInputScanner.Scanned
    ) throws(Rejected) -> (countryCode: Int, national: [UInt8], written: Bool) {
        do {
            let (code, rest) = try extractCountryCode(scanned.digits, afterPlus: scanned.hasPlus)
            if code != 0 { return (code, rest, true) }
        } catch let error where error.rejection == .invalidCountryCode && scanned.hasPlus {
            let (code, rest) = try extractCountryCode(scanned.digits, afterPlus: false)
            guard code != 0 else { throw Rejected(.invalidCountryCode) }
            return (code, rest, true)
        }
        return (defaultTerritory.countryCode, scanned.digits, false)
    }

    /// libphonenumber's `_maybe_extract_country_code`; a code of 0 means "none written".
    private func extractCountryCode(
        _ digits: [UInt8], afterPlus: Bool
    ) throws(Rejected) -> (Int, [UInt8]) {
        var full = digits
        var international = afterPlus
        if !international, let idd = defaultTerritory.internationalPrefix, let match = idd.prefixMatch(digits) {
            if match.end >= digits.count || digits[match.end] != UInt8(ascii: "0") {
                full = Array(digits[match.end...])
                international = true
            }
        }
        if international {
            guard full.count > Self.minimumNationalLength else { throw Rejected(.tooShort) }
            guard full[0] != UInt8(ascii: "0") else { throw Rejected(.invalidCountryCode) }
            var code = 0
            for length in 1...min(3, full.count) {
                code = code * 10 + Int(full[length - 1] - 48)
                if metadata.territories(countryCode: code) != nil { return (code, Array(full[length...])) }
            }
            throw Rejected(.invalidCountryCode)
        }
        let prefix = defaultTerritory.countryCodeDigits
        guard full.starts(with: prefix) else { return (0, []) }
        let potential = defaultTerritory.strippingNationalPrefix(Array(full[prefix.count...]))
        let general = defaultTerritory.general.pattern
        if (!general.fullMatch(full) && general.fullMatch(potential))
            || defaultTerritory.checkLength(full.count) == .tooLong
        {
            return (defaultTerritory.countryCode, potential)
        }
        return (0, [])
    }

    /// Carries a rejection out of the country-code steps.
    private struct Rejected: Error {
        let rejection: PhoneNumberRejection
        init(_ rejection: PhoneNumberRejection) { self.rejection = rejection }
    }

    private func validate(countryCode: Int, national: [UInt8], parsingTerritory: PhoneTerritory) -> PhoneParseOutcome {
        let (territory, knownType) = territoryForNumber(countryCode: countryCode, national: national)
        if let territory {
            let type = knownType ?? territory.type(of: national)
            if type != .unknown {
                let number = national.withUnsafeBufferPointer { digits in
                    PhoneNumber(countryCode: countryCode, nationalDigits: digits, region: territory.id, type: type)
                }
                return .valid(number)
            }
        }
        let reference = metadata.mainTerritory(countryCode: countryCode) ?? parsingTerritory
        switch reference.checkLength(national.count) {
        case .tooShort: return .invalid(.tooShort)
        case .tooLong: return .invalid(.tooLong)
        default: return .invalid(.notValidForRegion(territory?.id ?? reference.id))
        }
    }

    /// libphonenumber's `region_code_for_number`: the territory among those sharing the code,
    /// with the number's type when finding the territory already computed it.
    private func territoryForNumber(
        countryCode: Int, national: [UInt8]
    ) -> (PhoneTerritory?, PhoneNumberType?) {
        guard let territories = metadata.territories(countryCode: countryCode) else { return (nil, nil) }
        if territories.count == 1 { return (territories[0], nil) }
        return national.withUnsafeBufferPointer { digits in
            for territory in territories {
                if let leading = territory.leadingDigits {
                    if leading.hasPrefixMatch(digits) { return (territory, nil) }
                } else {
                    let type = territory.type(of: digits)
                    if type != .unknown { return (territory, type) }
                }
            }
            return (nil, nil)
        }
    }
}
