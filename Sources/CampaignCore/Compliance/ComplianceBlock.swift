import Foundation

/// Why a rule holds a call back, for `blocked_by` (SPEC §9), the forecast and the lead table.
public struct ComplianceBlock: Sendable, Hashable {
    /// What part of the rule holds the call.
    public enum Reason: String, Sendable, Hashable {
        /// Outside the rule's hours (or on a weekday it has none) in one of the number's zones.
        case hours
        /// A date the rule blocks, in one of the number's zones.
        case blockedDate = "blocked_date"
        /// The number already had as many attempts as a cap of the rule allows.
        case cap
    }

    /// The id of the blocking rule.
    public let ruleId: String
    /// Which part of it.
    public let reason: Reason
    /// The zone the rule was closed in (nil for a cap).
    public let zone: TimeZone?

    /// Creates a block.
    public init(ruleId: String, reason: Reason, zone: TimeZone?) {
        self.ruleId = ruleId
        self.reason = reason
        self.zone = zone
    }
}
