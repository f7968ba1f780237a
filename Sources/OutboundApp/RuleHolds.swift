import CampaignCore
import CampaignStore
import Foundation
import Synchronization

/// Fills the contact export's `blocked_by` for leads that wait at a given moment because a compliance rule's quiet
/// hours are closed on them while the campaign window is open (caps and never-callable leads carry the rule
/// already). One ``DialRules`` per dial key.
public final class RuleHolds: Sendable {
    private let window: CallingWindow
    private let rules: ComplianceRules
    private let now: Date
    private let byKey = Mutex<[String: String?]>([:])

    /// Holds computed for leads of a campaign with `window`, under `rules`, at `now`.
    public init(window: CallingWindow, rules: ComplianceRules, at now: Date) {
        self.window = window
        self.rules = rules
        self.now = now
    }

    /// The contact with `blockedBy` set when an open lead is held back by a rule's hours at this moment.
    public func filled(_ contact: ExportedContact) -> ExportedContact {
        guard contact.blockedBy == nil, contact.status == LeadStatus.pending.rawValue else { return contact }
        var filled = contact
        filled.blockedBy = byKey.withLock { cache in
            if let known = cache[contact.dialKey] { return known }
            let held = DialRules(key: DialKey(parsing: contact.dialKey), window: window, rules: rules)
                .heldBy(at: now)?.ruleId
            cache[contact.dialKey] = held
            return held
        }
        return filled
    }
}
