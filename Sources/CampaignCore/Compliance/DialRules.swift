import Foundation

/// The campaign window and the compliance rules applied to one dial key: when its leads may be dialled, when they
/// may be next, which rule holds them back, and whether they never can be. Pure; the runner keeps one per key.
public struct DialRules: Sendable {
    /// Why a key's leads can never be dialled.
    public enum Uncallable: Sendable, Equatable {
        /// A zone of the key is unknown, so neither the window nor local hours can be read.
        case unknownTimezone
        /// The window never opens in all the key's zones at once.
        case noWindowOverlap
        /// The window opens, but this rule's hours never overlap it.
        case rule(String)

        /// The `last_outcome` the engine records on the leads.
        public var outcome: String {
            switch self {
            case .unknownTimezone: "unknown_timezone"
            case .noWindowOverlap: "no_window_overlap"
            case .rule(let id): "compliance:\(id)"
            }
        }

        /// The rule id, when a rule is the reason.
        public var ruleId: String? {
            if case .rule(let id) = self { return id }
            return nil
        }
    }

    /// The campaign window.
    public let window: CallingWindow
    /// The zones the window is read in; empty when a zone of the key is unknown and the window is the recipient's.
    public let windowZones: [TimeZone]
    /// The rules of the key's jurisdictions in its zones; nil when a zone is unknown.
    public let check: ComplianceCheck?
    /// How far ahead an opening is looked for before a key is called uncallable.
    public let horizonDays: Int

    /// The rules for `key` under `window`, `rules` and the organisation's `exemptions`.
    public init(
        key: DialKey, window: CallingWindow, rules: ComplianceRules, exemptions: ComplianceExemptions = .none,
        horizonDays: Int = 31
    ) {
        let names = key.zoneKey.split(separator: "|").map(String.init)
        let zones = names.compactMap(TimeZone.init(identifier:))
        let known = !names.isEmpty && zones.count == names.count
        self.window = window
        self.windowZones = known ? window.zones(forContactZones: zones) : window.zones(forContactZones: [])
        let jurisdictions = key.ruleKey.map(JurisdictionKey.jurisdictions(of:)) ?? []
        self.check =
            known
            ? ComplianceCheck(rules: rules.applicable(to: jurisdictions), zones: zones, exemptions: exemptions)
            : nil
        self.horizonDays = horizonDays
    }

    /// Whether a lead of the key may be dialled at `instant` (the window and every rule's hours; caps are per number
    /// and checked when a lead is leased).
    public func isOpen(at instant: Date) -> Bool {
        guard let check, !windowZones.isEmpty else { return false }
        return window.isOpen(at: instant, in: windowZones) && check.hoursBlock(at: instant) == nil
    }

    /// The earliest instant at or after `instant` when the key is open; nil when never within the horizon.
    public func nextOpen(atOrAfter instant: Date) -> Date? {
        guard let check, !windowZones.isEmpty else { return nil }
        return check.nextAllowed(
            atOrAfter: instant, window: window, windowZones: windowZones, horizonDays: horizonDays)
    }

    /// The rule that holds the key's leads back at `instant` while the campaign window is open; nil when the window
    /// itself is closed or nothing holds them.
    public func heldBy(at instant: Date) -> ComplianceBlock? {
        guard let check, !windowZones.isEmpty, window.isOpen(at: instant, in: windowZones) else { return nil }
        return check.hoursBlock(at: instant)
    }

    /// Why the key can never be dialled from `instant` on, or nil when it can.
    public func uncallable(from instant: Date) -> Uncallable? {
        guard let check, !windowZones.isEmpty else { return .unknownTimezone }
        guard let windowOpens = window.nextOpen(atOrAfter: instant, in: windowZones, horizonDays: horizonDays) else {
            return .noWindowOverlap
        }
        guard nextOpen(atOrAfter: instant) == nil else { return nil }
        let rule = check.hoursBlock(at: windowOpens)?.ruleId ?? check.rules.first?.id ?? "unknown"
        return .rule(rule)
    }

    /// The caps of the key's rules, for the lease to check against each number's earlier attempts.
    public var caps: [(ruleId: String, cap: FrequencyCap)] { check?.caps ?? [] }
}
