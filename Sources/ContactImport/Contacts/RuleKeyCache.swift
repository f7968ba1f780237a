import CampaignCore

/// The rule keys (``JurisdictionKey``) of the contacts of a file, each number's jurisdictions worked out once per
/// number prefix that decides them (six national digits of a +1 number, the region of any other) and every key
/// interned, so a row costs an integer lookup. A contact's key joins the jurisdictions of all its numbers: an
/// alternate in another state brings that state's rules (strictest wins).
struct RuleKeyCache: Sendable {
    private let resolver: JurisdictionResolver
    private var byNANPPrefix: [Int: Int32] = [:]
    private var byRegion: [String: Int32] = [:]
    private var ids: [String: Int32] = [:]
    private var unions: [UInt64: Int32] = [:]
    /// Interned keys by id.
    private(set) var keys: [String] = []

    init(resolver: JurisdictionResolver) { self.resolver = resolver }

    /// The id of the rule key of a contact with these numbers (never empty).
    mutating func id(for numbers: [(number: PhoneNumber, column: Int)]) -> Int32 {
        var combined = id(for: numbers[0].number)
        for entry in numbers.dropFirst() { combined = union(combined, id(for: entry.number)) }
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

    private mutating func id(for number: PhoneNumber) -> Int32 {
        if number.countryCode == 1 {
            var prefix = 0
            for digit in number.nationalNumber.utf8.prefix(6) { prefix = prefix * 10 + Int(digit &- 48) }
            if let known = byNANPPrefix[prefix] { return known }
            let made = intern(resolver.ruleKey(for: number))
            byNANPPrefix[prefix] = made
            return made
        }
        if let known = byRegion[number.region] { return known }
        let made = intern(resolver.ruleKey(for: number))
        byRegion[number.region] = made
        return made
    }

    private mutating func intern(_ key: String) -> Int32 {
        if let known = ids[key] { return known }
        let id = Int32(keys.count)
        keys.append(key)
        ids[key] = id
        return id
    }
}
