/// A lead's *rule key*: the jurisdictions of its number joined by `|` (`US|US-FL`, `IN`, `001` for international
/// networks with no country), the way a zone key joins its zones. Leads with the same key and zone key are subject
/// to the same rules in the same zones, so the engine can decide once per key pair whether they may be dialled.
public enum JurisdictionKey {
    /// The separator, as in zone keys.
    public static let separator: Character = "|"

    /// The key of a list of jurisdictions: country first, then subdivisions, each once.
    public static func key(_ jurisdictions: [String]) -> String {
        var seen = Set<String>()
        let unique = jurisdictions.filter { seen.insert($0).inserted }
        let isSubdivision = { (jurisdiction: String) in jurisdiction.utf8.contains(UInt8(ascii: "-")) }
        let ordered = unique.filter { !isSubdivision($0) } + unique.filter(isSubdivision)
        return ordered.joined(separator: String(separator))
    }

    /// The jurisdictions of a key.
    public static func jurisdictions(of key: String) -> [String] {
        key.split(separator: separator).map(String.init)
    }
}
