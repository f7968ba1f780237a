extension CampaignSettings {
    /// The top-level keys of the settings document (SPEC §10) whose values differ in `other`, sorted: what an edit
    /// changed, for the audit log.
    public func changedKeys(to other: CampaignSettings) -> [String] {
        guard case .object(let before) = document(), case .object(let after) = other.document() else { return [] }
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }
}
