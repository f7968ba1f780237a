import Foundation

/// Where a contact's time zone came from.
public enum TimeZoneSource: String, Sendable, Hashable, Codable {
    /// The row's `timezone` column.
    case column
    /// Inferred from the phone number's country code or area code.
    case number
    /// The import's default zone, because neither told.
    case `default`
}

/// The zone or zones a contact may be in.
public struct TimeZoneResolution: Sendable, Hashable {
    /// IANA identifiers; more than one when the number does not pin the zone down.
    public let zones: [String]
    /// Where they came from.
    public let source: TimeZoneSource

    /// Creates a resolution.
    public init(zones: [String], source: TimeZoneSource) {
        self.zones = zones
        self.source = source
    }
}

/// Infers time zones from phone numbers (longest matching prefix of libphonenumber's
/// time-zone map) and validates zones named in a file.
public struct TimeZoneResolver: Sendable {
    private let metadata: PhoneMetadata

    /// Creates a resolver over `metadata`.
    public init(metadata: PhoneMetadata) {
        self.metadata = metadata
    }

    /// Every zone the number may be in; empty when the metadata does not know.
    public func zones(for number: PhoneNumber) -> [String] {
        zoneSet(for: number).map(zones(inSet:)) ?? []
    }

    /// The zones of a set that ``zoneSet(for:)`` named.
    func zones(inSet index: Int) -> [String] { metadata.timeZoneSets[index] }

    /// The metadata's set of zones the number may be in (an index for ``zones(inSet:)``); nil when the metadata
    /// does not know.
    ///
    /// Numbers tied to a place (landlines, and mobiles in countries whose mobiles have area
    /// codes) use the longest listed prefix of their E.164 digits; others the country's zones.
    func zoneSet(for number: PhoneNumber) -> Int? {
        guard
            number.type.isGeographical(countryCode: number.countryCode, geoMobileCountries: metadata.geoMobileCountries)
        else { return countryZoneSet(number.countryCode) }
        var e164 = number.e164
        return e164.withUTF8 { metadata.timeZonePrefixes.longestPrefixValue($0.dropFirst()) }
    }

    /// libphonenumber's country-level lookup: the entry for the calling code (or, for a
    /// three-digit code without one, its first two digits).
    private func countryZoneSet(_ countryCode: Int) -> Int? {
        let digits = String(countryCode).utf8
        return metadata.timeZonePrefixes.longestPrefixValue(digits, minimumLength: min(2, digits.count))
    }

    /// Validates a zone named in a file; returns Foundation's canonical identifier, or `nil`
    /// when Foundation does not know the zone.
    public func validatedZone(_ name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, let zone = TimeZone(identifier: trimmed) else { return nil }
        return zone.identifier
    }

    /// Resolves a contact's zones: a valid `column` value wins, then the number, then
    /// `defaultZone`.
    public func resolve(column: String?, number: PhoneNumber?, defaultZone: String) -> TimeZoneResolution {
        if let column, let zone = validatedZone(column) {
            return TimeZoneResolution(zones: [zone], source: .column)
        }
        if let number {
            let zones = zones(for: number)
            if !zones.isEmpty { return TimeZoneResolution(zones: zones, source: .number) }
        }
        return TimeZoneResolution(zones: [defaultZone], source: .default)
    }
}
