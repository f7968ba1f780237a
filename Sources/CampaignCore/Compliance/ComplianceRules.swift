/// The compliance rules file: a version and the rules (SPEC §9). Pure data; reading the file is the caller's job.
public struct ComplianceRules: Sendable, Hashable {
    /// The jurisdiction of the rule that applies to numbers of a country no other rule names.
    public static let defaultJurisdiction = "default"

    /// The file's `version`, at least 1.
    public let version: Int
    /// The rules in file order; exactly one has the ``defaultJurisdiction``.
    public let rules: [ComplianceRule]

    /// Creates a rule set; throws when ids repeat or there is not exactly one default rule.
    public init(version: Int, rules: [ComplianceRule]) throws(ComplianceRulesError) {
        var seen: [String: Int] = [:]
        for (index, rule) in rules.enumerated() {
            if let first = seen[rule.id] {
                throw ComplianceRulesError(
                    ruleIndex: index, ruleId: rule.id, key: "id", reason: "repeats the id of rules[\(first)]")
            }
            seen[rule.id] = index
        }
        let defaults = rules.indices.filter { rules[$0].jurisdiction == Self.defaultJurisdiction }
        if defaults.isEmpty {
            throw ComplianceRulesError(
                key: "rules", reason: "no rule has jurisdiction 'default' (the rule for countries without one)")
        }
        if defaults.count > 1 {
            throw ComplianceRulesError(
                ruleIndex: defaults[1], ruleId: rules[defaults[1]].id, key: "jurisdiction",
                reason: "a second 'default' rule (the first is rules[\(defaults[0])])")
        }
        self.version = version
        self.rules = rules
    }

    /// The rule for countries without a rule of their own.
    public var defaultRule: ComplianceRule? { rules.first { $0.jurisdiction == Self.defaultJurisdiction } }

    /// The rules that apply to a number in `jurisdictions` (as ``JurisdictionKey`` lists them: `["US", "US-FL"]`),
    /// in file order: every rule naming one of them, plus the default rule when no country-level rule covers the
    /// number's country (a subdivision's rule adds to its country's rule and never stands in for it).
    public func applicable(to jurisdictions: [String]) -> [ComplianceRule] {
        let wanted = Set(jurisdictions)
        var matched = rules.filter { wanted.contains($0.jurisdiction) }
        let countries = Set(jurisdictions.map(Self.country(of:)))
        let coveredCountries = Set(
            matched.filter { !$0.jurisdiction.contains("-") }.map(\.jurisdiction))
        if countries.isEmpty || !countries.isSubset(of: coveredCountries), let fallback = defaultRule {
            matched.append(fallback)
        }
        return matched
    }

    /// The country part of a jurisdiction: `US` for `US-FL`.
    public static func country(of jurisdiction: String) -> String {
        jurisdiction.split(separator: "-", maxSplits: 1).first.map(String.init) ?? jurisdiction
    }
}
