/// A rejected compliance rules file: which rule (its index in `rules` and its id, when known), which key, and why.
public struct ComplianceRulesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Position of the rule in the file's `rules` array; nil for the document itself.
    public let ruleIndex: Int?
    /// The rule's `id`, when it had a readable one.
    public let ruleId: String?
    /// Dotted key path inside the rule (or the document), e.g. `hours.mon` or `caps[0].calls`.
    public let key: String
    /// Why the value was rejected.
    public let reason: String

    /// Creates an error.
    public init(ruleIndex: Int? = nil, ruleId: String? = nil, key: String, reason: String) {
        self.ruleIndex = ruleIndex
        self.ruleId = ruleId
        self.key = key
        self.reason = reason
    }

    /// `compliance rules: rules[2] (us-fl): key 'hours.mon': end must be after start`.
    public var description: String {
        var text = "compliance rules: "
        if let ruleIndex {
            text += "rules[\(ruleIndex)]"
            if let ruleId { text += " (\(ruleId))" }
            text += ": "
        }
        if !key.isEmpty { text += "key '\(key)': " }
        return text + reason
    }
}
