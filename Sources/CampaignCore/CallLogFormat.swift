import Foundation

/// The call log export of SPEC §10: one CSV row per call, a fixed header, UTC times with a `Z`.
public enum CallLogFormat {
    /// The header, in contract order; columns are only ever appended after `disposition`.
    public static let header = [
        "call_id", "campaign_id", "contact_id", "attempt", "pass", "number_index", "to", "from", "contact_timezone",
        "queued_at", "started_at", "answered_at", "ended_at", "outcome", "answered_by", "duration_seconds", "turns",
        "disposition", "connected_seconds", "cost", "run",
    ]

    /// One call as CSV fields (empty where the event did not happen).
    public static func fields(_ call: CallRecord) -> [String] {
        let result = call.result
        func time(_ date: Date?) -> String { date.map(ISOTime.format) ?? "" }
        return [
            "\(call.id)", "\(call.campaignId)", "\(call.leadId)", "\(call.attempt)", "\(call.pass)",
            "\(call.numberIndex)", call.to, call.from, call.contactTimezone, time(call.queuedAt),
            time(result?.startedAt), time(result?.answeredAt), time(result?.endedAt), result?.outcome.rawValue ?? "",
            result?.answeredBy?.rawValue ?? "", result.map { "\($0.durationSeconds)" } ?? "",
            result.map { "\($0.turns)" } ?? "", result?.disposition ?? "",
            result.map { "\($0.connectedSeconds)" } ?? "", call.cost.map { "\($0)" } ?? "", "\(call.run)",
        ]
    }

    /// One CSV line (RFC 4180 quoting), without the line break; every cell neutralised by ``CSVCell``.
    public static func line(_ fields: [String]) -> String { CSVLine.line(fields) }
}
