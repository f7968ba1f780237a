import CampaignCore
import Foundation

/// The campaign window and the compliance rules applied to a campaign's dial keys (`zones#rules`), one
/// ``DialRules`` per key, built on first use.
struct DialSchedule {
    let window: CallingWindow
    let rules: ComplianceRules
    let exemptions: ComplianceExemptions
    private var byKey: [String: DialRules] = [:]

    init(window: CallingWindow, rules: ComplianceRules, exemptions: ComplianceExemptions) {
        self.window = window
        self.rules = rules
        self.exemptions = exemptions
    }

    /// The rules of one key.
    mutating func rules(for key: String) -> DialRules {
        if let cached = byKey[key] { return cached }
        let made = DialRules(key: DialKey(parsing: key), window: window, rules: rules, exemptions: exemptions)
        byKey[key] = made
        return made
    }

    /// The keys whose window and rules are open at `now`.
    mutating func openKeys(_ keys: [String], at now: Date) -> [String] {
        keys.filter { rules(for: $0).isOpen(at: now) }
    }
}
