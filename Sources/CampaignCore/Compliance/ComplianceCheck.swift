import Foundation

/// The rules that apply to one number, read in the number's candidate zones: when a call may start, which rule holds
/// it back, and when it may start next. Strictest wins: a call is allowed only when every rule allows it in every
/// zone, and no cap of any rule is reached.
///
/// Pure: time and the number's earlier attempts are parameters.
public struct ComplianceCheck: Sendable {
    /// The applicable rules (``ComplianceRules/applicable(to:)``), in file order.
    public let rules: [ComplianceRule]
    /// The zones the number may be in. With none, a rule's hours can never be read, so they never allow a call.
    public let zones: [TimeZone]
    /// What the organisation is exempted from.
    public let exemptions: ComplianceExemptions

    /// Creates a check.
    public init(rules: [ComplianceRule], zones: [TimeZone], exemptions: ComplianceExemptions = .none) {
        self.rules = rules
        self.zones = zones
        self.exemptions = exemptions
    }

    /// The caps of every rule (an hours exemption never waives them).
    public var caps: [(ruleId: String, cap: FrequencyCap)] {
        rules.flatMap { rule in rule.caps.map { (rule.id, $0) } }
    }

    private var hoursApply: Bool { !exemptions.hours && !rules.isEmpty }

    /// The first rule (file order) whose hours or blocked dates hold a call back at `instant`, in the first zone
    /// (in order) where it does; nil when the hours allow it or are exempted.
    public func hoursBlock(at instant: Date) -> ComplianceBlock? {
        guard hoursApply else { return nil }
        guard !zones.isEmpty else {
            return rules.first.map { ComplianceBlock(ruleId: $0.id, reason: .hours, zone: nil) }
        }
        for rule in rules {
            for zone in zones where !rule.allowsHours(at: instant, in: zone) {
                let reason: ComplianceBlock.Reason = rule.blocksDate(at: instant, in: zone) ? .blockedDate : .hours
                return ComplianceBlock(ruleId: rule.id, reason: reason, zone: zone)
            }
        }
        return nil
    }

    /// The first cap (file order) that the earlier `attempts` to the number have reached at `instant`, with the
    /// instant the last reached cap frees; nil when every cap allows one more attempt.
    public func capBlock(at instant: Date, attempts: [Date]) -> (block: ComplianceBlock, freesAt: Date)? {
        let frees = capsFree(atOrAfter: instant, attempts: attempts)
        guard frees > instant else { return nil }
        for (ruleId, cap) in caps where cap.freesAt(atOrAfter: instant, attempts: attempts) > instant {
            return (ComplianceBlock(ruleId: ruleId, reason: .cap, zone: nil), frees)
        }
        return nil
    }

    /// What holds a call back at `instant` (hours first, then caps), or nil when it may start.
    public func block(at instant: Date, attempts: [Date] = []) -> ComplianceBlock? {
        hoursBlock(at: instant) ?? capBlock(at: instant, attempts: attempts)?.block
    }

    /// Whether a call may start at `instant`.
    public func isAllowed(at instant: Date, attempts: [Date] = []) -> Bool {
        block(at: instant, attempts: attempts) == nil
    }

    /// The earliest instant at or after `instant` when every cap allows one more attempt.
    public func capsFree(atOrAfter instant: Date, attempts: [Date]) -> Date {
        caps.reduce(instant) { latest, entry in max(latest, entry.cap.freesAt(atOrAfter: instant, attempts: attempts)) }
    }

    /// The earliest instant in `instant ... instant + horizonDays` when a call may start: every rule's hours open in
    /// every zone, every cap free and, when `window` is given, the campaign window open in `windowZones` (what
    /// ``CallingWindow/zones(forContactZones:)`` gives). Nil when there is none within the horizon.
    ///
    /// Each constraint can tell its own next opening exactly, so the candidate moves to the next opening of whichever
    /// constraint is closed until all are open; it never passes the answer, since that is an opening of each.
    public func nextAllowed(
        atOrAfter instant: Date, attempts: [Date] = [], window: CallingWindow? = nil, windowZones: [TimeZone] = [],
        horizonDays: Int = 31
    ) -> Date? {
        guard horizonDays >= 0 else { return nil }
        let limit = instant.addingTimeInterval(Double(horizonDays) * 86_400)
        var candidate = capsFree(atOrAfter: instant, attempts: attempts)
        if hoursApply && zones.isEmpty { return nil }
        while candidate <= limit {
            var moved = false
            if let window, !window.isOpen(at: candidate, in: windowZones) {
                let days = Int((limit.timeIntervalSince(candidate) / 86_400).rounded(.up))
                guard let next = window.nextOpen(atOrAfter: candidate, in: windowZones, horizonDays: days),
                    next <= limit
                else { return nil }
                candidate = next
                moved = true
            }
            if hoursApply {
                for rule in rules {
                    for zone in zones where !rule.allowsHours(at: candidate, in: zone) {
                        guard let next = rule.nextAllowedHours(atOrAfter: candidate, in: zone, limit: limit) else {
                            return nil
                        }
                        candidate = next
                        moved = true
                    }
                }
            }
            if !moved { return candidate }
        }
        return nil
    }
}
