import CampaignCore

/// Rule keys (``JurisdictionKey``) of numbers already stored in E.164, for leads written before rule keys existed:
/// the jurisdictions of every number that parses, joined; empty (the default rule) when none does.
public struct StoredNumberRuleKeys: Sendable {
    private let parser: PhoneNumberParser
    private let resolver: JurisdictionResolver

    /// Loads the bundled phone metadata and area-code table.
    public init() throws(ContactImportError) {
        parser = try PhoneNumberParser(metadata: try PhoneMetadata.loadBundled(), defaultRegion: "US")
        resolver = JurisdictionResolver(areaCodes: try NANPAreaCodes.loadBundled())
    }

    /// The rule key of a contact with these numbers, primary first.
    public func ruleKey(_ numbers: [String]) -> String {
        var jurisdictions: [String] = []
        for text in numbers {
            guard case .valid(let number) = parser.parse(text) else { continue }
            jurisdictions += resolver.jurisdictions(for: number)
        }
        return JurisdictionKey.key(jurisdictions.sorted())
    }
}
