import CampaignCore

/// The rule keys (``JurisdictionKey``) of the contacts of a file, each number's jurisdictions worked out once per
/// number prefix that decides them (six national digits of a +1 number, the region of any other) and every key
/// interned, so a row costs an integer lookup. A contact's key joins the jurisdictions of all its numbers: an
/// alternate in another state brings that state's rules (strictest wins).
struct RuleKeyCache: Sendable {
    private let resolver: JurisdictionResolver
    /// Key ids by the first six national digits of a +1 number (area code and exchange), -1 where not worked out
    /// yet: a flat table of 4 MB, made at the first +1 number, so a row costs an index instead of a hash lookup.
    private var byNANPPrefix: [Int32] = []
    private var byRegion: [String: Int32] = [:]
    private var ids: [String: Int32] = [:]
    private var unions: [UInt64: Int32] = [:]
    /// Interned keys by id.
    private(set) var keys: [String] = []

    /// Six decimal digits.
    private static let nanpPrefixes = 1_000_000

    init(resolver: JurisdictionResolver) { self.resolver = resolver }

    /// The id of the rule key of a contact with these numbers (never empty).
    mutating func id(for numbers: [(number: PhoneNumber, column: Int)]) -> Int32 {
        // By index, borrowing each number: a copy of a number retains its three strings.
        var combined = id(for: numbers[0].number)
        var index = 1
        while index < numbers.count {
            combined = union(combined, id(for: numbers[index].number))
            index += 1
        }
        return combined
    }

    /// The id of the key joining two keys' jurisdictions, worked out once per pair (a union is the same whatever
    /// the order, so a contact's numbers fold pair by pair).
    private mutating func union(_ one: Int32, _ other: Int32) -> Int32 {
        guard one != other else { return one }
        let pair = UInt64(UInt32(min(one, other))) << 32 | UInt64(UInt32(max(one, other)))
        if let known = unions[pair] { return known }
        let joined =
            JurisdictionKey.jurisdictions(of: keys[Int(one)]) + JurisdictionKey.jurisdictions(of: keys[Int(other)])
        let made = intern(JurisdictionKey.key(Array(Set(joined)).sorted()))
        unions[pair] = made
        return made
    }

    /// The text of an interned key.
    func text(of id: Int32) -> String { keys[Int(id)] }

    private mutating func id(for number: borrowing PhoneNumber) -> Int32 {
        if number.countryCode == 1 {
            if let prefix = Self.nanpPrefix(of: number.nationalNumber) {
                if byNANPPrefix.isEmpty { byNANPPrefix = [Int32](repeating: -1, count: Self.nanpPrefixes) }
                let known = byNANPPrefix[prefix]
                if known >= 0 { return known }
                let made = intern(resolver.ruleKey(for: number))
                byNANPPrefix[prefix] = made
                return made
            }
            return intern(resolver.ruleKey(for: number))
        }
        if let known = byRegion[number.region] { return known }
        let made = intern(resolver.ruleKey(for: number))
        byRegion[number.region] = made
        return made
    }

    /// The first six digits of a national number as an integer, or nil when it has fewer.
    private static func nanpPrefix(of national: String) -> Int? {
        let prefix: Int?? = national.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count >= 6 else { return nil }
            var value = 0
            for index in 0..<6 {
                let digit = Int(bytes[index]) &- 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value &* 10 &+ digit
            }
            return value
        }
        if let prefix { return prefix }
        var value = 0
        var digits = 0
        for byte in national.utf8.prefix(6) {
            let digit = Int(byte) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value &* 10 &+ digit
            digits += 1
        }
        return digits == 6 ? value : nil
    }

    private mutating func intern(_ key: String) -> Int32 {
        if let known = ids[key] { return known }
        let id = Int32(keys.count)
        keys.append(key)
        ids[key] = id
        return id
    }
}
