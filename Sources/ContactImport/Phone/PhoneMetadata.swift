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
    /// Indexed by calling code (codes have at most three digits): the territories sharing it,
    /// main one first, or `nil` for a code that is not assigned. An array rather than a
    /// dictionary because every number looks its code up, some several times.
    private let territoriesByCountryCode: [[PhoneTerritory]?]
    let geoMobileCountries: Set<Int>
    /// E.164 digit prefixes → index into ``timeZoneSets``.
    let timeZonePrefixes: DigitPrefixTable
    let timeZoneSets: [[String]]

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
        var patterns = PatternCache()
        for raw in document.territories {
            let territory = try raw.compiled(patterns: &patterns)
            if raw.id == "001" {
                nonGeographic[raw.cc] = territory
            } else {
                territories[raw.id] = territory
            }
        }
        self.territories = territories
        self.nonGeographic = nonGeographic
        var byCode = [[PhoneTerritory]?](repeating: nil, count: Self.countryCodeLimit)
        for (code, list) in document.countryToRegions {
            guard let number = Int(code), (1..<Self.countryCodeLimit).contains(number) else {
                throw .metadataUnavailable(reason: "bad country code \(code)")
            }
            byCode[number] = list.compactMap { region in
                region == "001" ? nonGeographic[number] : territories[region]
            }
        }
        territoriesByCountryCode = byCode
        geoMobileCountries = Set(document.geoMobileCountries)
        var prefixes = DigitPrefixTable()
        for (prefix, set) in document.timeZones.prefixes {
            guard prefix.utf8.allSatisfy({ (48...57).contains($0) }), set >= 0, set < document.timeZones.sets.count
            else { throw .metadataUnavailable(reason: "bad time-zone prefix \(prefix)") }
            prefixes.insert(prefix.utf8, value: set)
        }
        timeZonePrefixes = prefixes
        timeZoneSets = document.timeZones.sets
    }

    func territory(region: String) -> PhoneTerritory? {
        territories[region]
    }

    /// The territory whose metadata applies to `region` for numbers with `countryCode`.
    func territory(region: String, countryCode: Int) -> PhoneTerritory? {
        region == "001" ? nonGeographic[countryCode] : territories[region]
    }

    /// Calling codes are below this.
    private static let countryCodeLimit = 1000

    /// The territories sharing a calling code, main one first; `nil` when the code is not assigned.
    func territories(countryCode: Int) -> [PhoneTerritory]? {
        (0..<Self.countryCodeLimit).contains(countryCode) ? territoriesByCountryCode[countryCode] : nil
    }

    /// The main territory of a country calling code (the first region listed for it).
    func mainTerritory(countryCode: Int) -> PhoneTerritory? {
        territories(countryCode: countryCode)?.first
    }
}

private struct MetadataDocument: Decodable {
    struct TimeZones: Decodable {
        let sets: [[String]]
        let prefixes: [String: Int]
    }

    let phonenumbersVersion: String
    let countryToRegions: [String: [String]]
    let geoMobileCountries: [Int]
    let territories: [RawTerritory]
    let timeZones: TimeZones
}

/// Compiles each distinct pattern source once: territories share many patterns (international
/// and national prefixes, the plans of NANP members), and compiling builds an automaton.
private struct PatternCache {
    private var compiled: [String: DigitPattern] = [:]

    mutating func pattern(_ source: String) throws(ContactImportError) -> DigitPattern {
        if let known = compiled[source] { return known }
        let pattern = try DigitPattern(source)
        compiled[source] = pattern
        return pattern
    }
}

private struct RawDescription: Decodable {
    let p: String
    let l: [Int]
    let lo: [Int]?

    func compiled(patterns: inout PatternCache) throws(ContactImportError) -> PhoneTerritory.Description {
        .init(pattern: try patterns.pattern(p), lengths: l.filter { $0 > 0 }.sorted(), localOnlyLengths: lo ?? [])
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

    func compiled(patterns: inout PatternCache) throws(ContactImportError) -> PhoneTerritory {
        guard let general = d["general"] else { throw .metadataUnavailable(reason: "\(id) has no general pattern") }
        var types: [(PhoneNumberType, PhoneTerritory.Description)] = []
        for (key, type) in Self.typeOrder {
            if let raw = d[key] { types.append((type, try raw.compiled(patterns: &patterns))) }
        }
        func optionalPattern(_ source: String?) throws(ContactImportError) -> DigitPattern? {
            guard let source else { return nil }
            return try patterns.pattern(source)
        }
        func optionalDescription(_ key: String) throws(ContactImportError) -> PhoneTerritory.Description? {
            guard let raw = d[key] else { return nil }
            return try raw.compiled(patterns: &patterns)
        }
        return PhoneTerritory(
            id: id,
            countryCode: cc,
            internationalPrefix: try optionalPattern(idd),
            nationalPrefixForParsing: try optionalPattern(npp),
            nationalPrefixTransform: npt.map(Self.transformParts),
            leadingDigits: try optionalPattern(ld),
            sameMobileAndFixedLinePattern: same ?? false,
            general: try general.compiled(patterns: &patterns),
            types: types,
            fixedLine: try optionalDescription("fixed_line"),
            mobile: try optionalDescription("mobile")
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
