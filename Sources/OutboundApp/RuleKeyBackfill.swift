import CampaignStore
import ContactImport

/// Gives leads stored before rule keys existed the rule key of their numbers, so the rules apply to them too.
public enum RuleKeyBackfill {
    /// Assigns the missing rule keys in `store`, if any lead lacks one.
    public static func run(in store: SQLCampaignStore) async throws {
        guard try await store.hasKeysWithoutRules() else { return }
        let keys: StoredNumberRuleKeys
        do { keys = try StoredNumberRuleKeys() } catch {
            throw AppFailure("cannot load the phone metadata: \(error)")
        }
        _ = try await store.assignRuleKeys { keys.ruleKey($0) }
    }
}
