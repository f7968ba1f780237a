import CampaignStore

/// A forecast for people (text) or tools (JSON).
public struct ForecastReport: Encodable, Sendable {
    /// When the campaign completes, ISO-8601, or nil when not within the horizon.
    public let finishes: String?
    /// The campaign's status at the end of the forecast.
    public let status: String
    /// Where the forecast started, ISO-8601.
    public let simulatedFrom: String
    /// Calls made.
    public let calls: Int
    /// Calls that reached someone.
    public let reached: Int
    /// Leads of the campaign.
    public let contacts: Int
    /// Leads still open at the end.
    public let stillOpen: Int
    /// Calls per day.
    public let callsPerDay: [String: Int]
    /// Leads that can never be called, per reason.
    public let neverCallable: [String: Int]
    /// Leads each compliance rule made wait during the forecast (SPEC §9).
    public let heldByRule: [String: Int]
    /// Contacts whose number maps to several zones, per zone set.
    public let ambiguousZones: [String: Int]

    /// The report of a forecast run summarised by `summary`, with the store's `facts` about the copy.
    public init(summary: RunSummary, facts: ForecastFacts) {
        finishes = summary.status == "completed" ? summary.simulatedUntil : nil
        status = summary.status
        simulatedFrom = summary.simulatedFrom
        calls = summary.calls
        reached = summary.reached
        contacts = summary.contacts
        stillOpen = summary.pending
        callsPerDay = facts.callsPerDay
        neverCallable = facts.neverCallable
        heldByRule = summary.ruleWaits
        ambiguousZones = facts.ambiguousZones
    }

    /// The report as one JSON object with sorted keys.
    public func json() -> String { JSONOutput.text(self) }

    /// The report as lines for people.
    public func text() -> String {
        var lines = [
            "forecast from \(simulatedFrom)",
            finishes.map { "finishes      \($0)" }
                ?? "finishes      not within the horizon (\(stillOpen) contacts still open)",
            "contacts      \(contacts)",
            "calls         \(calls) (\(reached) reached)",
            "calls per day",
        ]
        lines += callsPerDay.sorted { $0.key < $1.key }.map { "  \($0.key)  \($0.value)" }
        lines.append("never callable")
        lines +=
            neverCallable.isEmpty
            ? ["  none"] : neverCallable.sorted { $0.key < $1.key }.map { "  \($0.key)  \($0.value)" }
        lines.append(
            "held back by compliance rules (leads a cap made wait; pending leads each time quiet hours closed)")
        lines +=
            heldByRule.isEmpty ? ["  none"] : heldByRule.sorted { $0.key < $1.key }.map { "  \($0.key)  \($0.value)" }
        lines.append("time-zone ambiguity (contacts whose number maps to several zones)")
        lines +=
            ambiguousZones.isEmpty
            ? ["  none"] : ambiguousZones.sorted { $0.key < $1.key }.map { "  \($0.key)  \($0.value)" }
        return lines.joined(separator: "\n")
    }
}
