import Foundation

/// libphonenumber's numbering-plan and time-zone metadata, compiled for fast matching.
///
/// Load it once per import with ``loadBundled()`` and share it: it is immutable and `Sendable`.
/// The data file is produced by `scripts/phone-metadata/generate.py`.
public struct PhoneMetadata: Sendable {
    /// The `phonenumbers` package version the data was exported from.
    public let version: String
    let territories: [String: PhoneTerritory]
    let nonGeographic: [Int: PhoneTerritory]
    let regionsByCountryCode: [Int: [String]]
    /// The territories sharing each calling code, main one first.
    let territoriesByCountryCode: [Int: [PhoneTerritory]]
    let geoMobileCountries: Set<Int>
    let timeZonePrefixes: [UInt64: Int]
    let timeZoneSets: [[String]]
    let longestTimeZonePrefix: Int

    /// Region codes (ISO 3166-1 alpha-2) that can be used as a default region.
    public var supportedRegions: [String] { territories.keys.sorted() }

    /// Where the bundled data file is.
    static func bundledURL() -> URL? {
        Bundle.module.url(forResource: "phone-metadata", withExtension: "json", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "phone-metadata", withExtension: "json")
    }

    /// Loads `phone-metadata.json` from this module's resources.
    public static func loadBundled() throws(ContactImportError) -> PhoneMetadata {
        guard let url = bundledURL() else {
            throw .metadataUnavailable(reason: "phone-metadata.json is not in the bundle")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .metadataUnavailable(reason: "cannot read \(url.path)")
        }
        return try PhoneMetadata(json: data)
    }

    /// Builds the metadata from the JSON document written by the generator script.
    public init(json: Data) throws(ContactImportError) {
        let document: MetadataDocument
        do {
            document = try JSONDecoder().decode(MetadataDocument.self, from: json)
        } catch {
            throw .metadataUnavailable(reason: "malformed metadata: \(error)")
        }
        version = document.phonenumbersVersion
        var territories: [String: PhoneTerritory] = [:]
        var nonGeographic: [Int: PhoneTerritory] = [:]
        for raw in document.territories {
            let territory = try raw.compiled()
            if raw.id == "001" {
                nonGeographic[raw.cc] = territory
            } else {
                territories[raw.id] = territory
            }
        }
        self.territories = territories
        self.nonGeographic = nonGeographic
        var regions: [Int: [String]] = [:]
        for (code, list) in document.countryToRegions {
            guard let number = Int(code) else { throw .metadataUnavailable(reason: "bad country code \(code)") }
            regions[number] = list
        }
        regionsByCountryCode = regions
        var byCode: [Int: [PhoneTerritory]] = [:]
        for (code, list) in regions {
            byCode[code] = list.compactMap { region in region == "001" ? nonGeographic[code] : territories[region] }
        }
        territoriesByCountryCode = byCode
        geoMobileCountries = Set(document.geoMobileCountries)
        var prefixes: [UInt64: Int] = [:]
        for (prefix, set) in document.timeZones.prefixes {
            prefixes[Self.prefixKey(Array(prefix.utf8)[...])] = set
        }
        timeZonePrefixes = prefixes
        timeZoneSets = document.timeZones.sets
        longestTimeZonePrefix = document.timeZones.longestPrefix
    }

    /// A digit string as an integer with a leading 1, so that `"0"` and `"00"` differ.
    static func prefixKey(_ digits: ArraySlice<UInt8>) -> UInt64 {
        var key: UInt64 = 1
        for digit in digits { key = key &* 10 &+ UInt64(digit &- 48) }
        return key
    }

    func territory(region: String) -> PhoneTerritory? {
        territories[region]
    }

    /// The territory whose metadata applies to `region` for numbers with `countryCode`.
    func territory(region: String, countryCode: Int) -> PhoneTerritory? {
        region == "001" ? nonGeographic[countryCode] : territories[region]
    }

    /// The main territory of a country calling code (the first region listed for it).
    func mainTerritory(countryCode: Int) -> PhoneTerritory? {
        territoriesByCountryCode[countryCode]?.first
    }
}

private struct MetadataDocument: Decodable {
    struct TimeZones: Decodable {
        let longestPrefix: Int
        let sets: [[String]]
        let prefixes: [String: Int]
    }

    let phonenumbersVersion: String
    let countryToRegions: [String: [String]]
    let geoMobileCountries: [Int]
    let territories: [RawTerritory]
    let timeZones: TimeZones
}

private struct RawDescription: Decodable {
    let p: String
    let l: [Int]
    let lo: [Int]?

    func compiled() throws(ContactImportError) -> PhoneTerritory.Description {
        .init(pattern: try DigitPattern(p), lengths: l.filter { $0 > 0 }.sorted(), localOnlyLengths: lo ?? [])
    }
}

private struct RawTerritory: Decodable {
    let id: String
    let cc: Int
    let idd: String?
    let np: String?
    let npp: String?
    let npt: String?
    let ld: String?
    let same: Bool?
    let d: [String: RawDescription]

    static let typeOrder: [(String, PhoneNumberType)] = [
        ("premium_rate", .premium), ("toll_free", .tollFree), ("shared_cost", .sharedCost), ("voip", .voip),
        ("personal_number", .personalNumber), ("pager", .pager), ("uan", .uan), ("voicemail", .voicemail),
    ]

    func compiled() throws(ContactImportError) -> PhoneTerritory {
        guard let general = d["general"] else { throw .metadataUnavailable(reason: "\(id) has no general pattern") }
        var types: [(PhoneNumberType, PhoneTerritory.Description)] = []
        for (key, type) in Self.typeOrder {
            if let raw = d[key] { types.append((type, try raw.compiled())) }
        }
        return PhoneTerritory(
            id: id,
            countryCode: cc,
            internationalPrefix: try idd.map { (text) throws(ContactImportError) in try DigitPattern(text) },
            nationalPrefixForParsing: try npp.map { (text) throws(ContactImportError) in
                try DigitPattern(text)
            },
            nationalPrefixTransform: npt.map(Self.transformParts),
            leadingDigits: try ld.map { (text) throws(ContactImportError) in try DigitPattern(text) },
            sameMobileAndFixedLinePattern: same ?? false,
            general: try general.compiled(),
            types: types,
            fixedLine: try d["fixed_line"].map { (raw) throws(ContactImportError) in try raw.compiled() },
            mobile: try d["mobile"].map { (raw) throws(ContactImportError) in try raw.compiled() }
        )
    }

    static func transformParts(_ rule: String) -> [PhoneTerritory.TransformPart] {
        var parts: [PhoneTerritory.TransformPart] = []
        var literal: [UInt8] = []
        var bytes = Array(rule.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "\\"), let next = bytes.first, (48...57).contains(next) {
                bytes.removeFirst()
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = []
                parts.append(.group(Int(next - 48)))
            } else {
                literal.append(byte)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }
}
