/// What a lead is selected by: its candidate zones (a zone key, `|`-joined) and its rule key (the jurisdictions of
/// its numbers, ``JurisdictionKey``), stored as one text `zones#rules` in the store's `zone_keys`. Leads that share
/// a dial key may be dialled at exactly the same moments, so the engine decides once per key.
public struct DialKey: Sendable, Hashable {
    /// Separates the zone key from the rule key in the stored text; neither zone names nor jurisdictions contain it.
    public static let separator: Character = "#"

    /// Candidate zones joined by `|`.
    public var zoneKey: String
    /// Jurisdictions joined by `|`; nil for a key stored before rule keys existed (its leads are given one when the
    /// database is opened by an engine command).
    public var ruleKey: String?

    /// Creates a key.
    public init(zoneKey: String, ruleKey: String?) {
        self.zoneKey = zoneKey
        self.ruleKey = ruleKey
    }

    /// Reads a stored key; text without a `#` is a zone key alone.
    public init(parsing text: String) {
        if let index = text.firstIndex(of: Self.separator) {
            zoneKey = String(text[..<index])
            ruleKey = String(text[text.index(after: index)...])
        } else {
            zoneKey = text
            ruleKey = nil
        }
    }

    /// The stored text.
    public var text: String { ruleKey.map { "\(zoneKey)\(Self.separator)\($0)" } ?? zoneKey }

    /// The zone key part of a stored key (what the call log and the contact export show).
    public static func zoneKey(of text: String) -> String {
        text.firstIndex(of: separator).map { String(text[..<$0]) } ?? text
    }
}
