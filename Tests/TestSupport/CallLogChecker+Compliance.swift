import CampaignCore
import Foundation

/// The checker's own reading of SPEC §9 and the shipped rules (docs/compliance.md), written apart from the engine's
/// rules, checks and area-code table: a call may start only inside the legal local hours of every jurisdiction of
/// every number of its contact, in every candidate zone of the contact; FL, OK and MD numbers get at most 3 calls
/// in any rolling 24 hours, counting every call in the log.
extension CallLogChecker {
    /// A rule's allowed local hours on one weekday, in minutes from midnight: the start counts, the end does not.
    typealias LegalHours = (id: String, start: Int, end: Int)

    /// The US states of the area codes the generator uses; Canadian codes are apart.
    static let stateByAreaCode: [String: String] = [
        "212": "NY", "312": "IL", "415": "CA", "808": "HI", "907": "AK", "602": "AZ", "303": "CO",
        "305": "FL", "407": "FL", "813": "FL", "850": "FL", "405": "OK", "918": "OK", "301": "MD", "410": "MD",
    ]
    static let canadianAreaCodes: Set<String> = ["416", "709"]
    /// States whose statutes narrow the hours to 08:00–20:00 and cap calls at 3 per 24 h.
    static let cappedStates: Set<String> = ["FL", "OK", "MD"]
    public static let cappedRules: Set<String> = Set(cappedStates.map { "us-\($0.lowercased())" })

    /// The rules that govern calls to `number`: for a US number the federal rule and its state's, if the state has
    /// one; Canada's, India's, or the labelled default for any other country.
    public static func ruleIds(of number: String) -> [String] {
        if number.hasPrefix("+1") {
            let areaCode = String(number.dropFirst(2).prefix(3))
            if canadianAreaCodes.contains(areaCode) { return ["ca"] }
            guard let state = stateByAreaCode[areaCode] else { return ["us"] }
            return cappedStates.contains(state) ? ["us", "us-\(state.lowercased())"] : ["us"]
        }
        return number.hasPrefix("+91") ? ["in"] : ["default"]
    }

    /// When a rule allows calls on `weekday`.
    static func legalHours(_ ruleId: String, on weekday: Weekday) -> LegalHours {
        let hour = 60
        switch ruleId {
        case "us-fl", "us-ok", "us-md": return (ruleId, 8 * hour, 20 * hour)
        case "in": return (ruleId, 9 * hour, 21 * hour)
        case "ca" where weekday == .sat || weekday == .sun: return (ruleId, 10 * hour, 18 * hour)
        case "ca": return (ruleId, 9 * hour, 21 * hour + 30)
        default: return (ruleId, 8 * hour, 21 * hour)  // US federal and the default
        }
    }

    /// The local weekday and minute of the day in `zone`: UTC plus the zone's offset at that instant.
    static func localClock(at instant: Date, in zone: TimeZone) -> (weekday: Weekday, minute: Int) {
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
        let days = Int((Double(local) / 86_400).rounded(.down))
        let weekdays: [Weekday] = [.thu, .fri, .sat, .sun, .mon, .tue, .wed]  // 1970-01-01 was a Thursday
        return (weekdays[((days % 7) + 7) % 7], (local - days * 86_400) / 60)
    }

    static func hhmm(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }

    /// Calls queued outside the legal hours of any rule of their contact's numbers in any of its zones.
    func quietHoursViolations(_ calls: [CallRecord]) -> [String] {
        var found: [String] = []
        for call in calls {
            let numbers = numbersByLead[call.leadId] ?? [call.to]
            let rules = Set(numbers.flatMap(Self.ruleIds(of:))).sorted()
            for name in zonesByLead[call.leadId] ?? [] {
                guard let zone = TimeZone(identifier: name) else { continue }
                let clock = Self.localClock(at: call.queuedAt, in: zone)
                for rule in rules.map({ Self.legalHours($0, on: clock.weekday) })
                where clock.minute < rule.start || clock.minute >= rule.end {
                    found.append(
                        "call \(call.id) to \(call.to): queued at \(ISOTime.format(call.queuedAt)), "
                            + "\(clock.weekday) \(Self.hhmm(clock.minute)) in \(name), outside \(rule.id) "
                            + "\(Self.hhmm(rule.start))–\(Self.hhmm(rule.end))")
                }
            }
        }
        return found
    }

    /// Calls of a contact with a capped number that were the fourth or later to their number within 24 hours.
    func frequencyCapViolations(_ calls: [CallRecord]) -> [String] {
        let byNumber = Dictionary(grouping: calls, by: \.to).mapValues { $0.map(\.queuedAt).sorted() }
        var found: [String] = []
        for call in calls {
            let numbers = numbersByLead[call.leadId] ?? [call.to]
            guard numbers.flatMap(Self.ruleIds(of:)).contains(where: Self.cappedRules.contains) else { continue }
            let since = call.queuedAt.addingTimeInterval(-86_400)
            let recent = (byNumber[call.to] ?? []).filter { $0 > since && $0 <= call.queuedAt }
            if recent.count > 3 {
                found.append(
                    "call \(call.id): \(recent.count) calls to \(call.to) in the 24 h up to \(ISOTime.format(call.queuedAt))"
                )
            }
        }
        return found
    }
}
