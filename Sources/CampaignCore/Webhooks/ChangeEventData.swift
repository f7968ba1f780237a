import Foundation

/// The `data` of an event (SPEC §13), built from a change row: the same object on the live feed and in a webhook
/// delivery, and the same on every redelivery.
public enum ChangeEventData {
    /// The event names a subscription can ask for.
    public static let types = ["campaign.status.changed", "campaign.lead.updated", "call.started", "call.ended"]

    /// `data` for a change row of `type` about `campaignId`: the row's fields (ids as strings), `campaignId`; for a
    /// lead or call event also `contactId` (the lead's id) and `sequence` (the event id: increasing per lead, so a
    /// receiver orders a lead's events by it); for `call.ended` the call-log row of SPEC §10 (snake_case names,
    /// numbers as numbers, empty as null, from `call` when found) and `transcript` (the agent's, null when the call
    /// has none).
    public static func data(
        type: String, campaignId: Int64, eventId: Int64, fields: [String: String], call: CallRecord? = nil,
        transcript: String? = nil
    ) -> JSONValue {
        var data: [String: JSONValue] = [:]
        for (key, value) in fields { data[key] = .string(value) }
        data["campaignId"] = .string(String(campaignId))
        if let lead = fields["leadId"] {
            data["contactId"] = .string(lead)
            data["sequence"] = .number(Double(eventId))
        }
        if type == "call.ended" {
            if let call {
                for (key, value) in callLogRow(call) { data[key] = value }
            }
            data["transcript"] = transcript.map(JSONValue.string) ?? .null
        }
        return .object(data)
    }

    /// Call-log columns whose values are numbers.
    public static let numericCallColumns: Set<String> = [
        "call_id", "campaign_id", "contact_id", "attempt", "pass", "number_index", "duration_seconds", "turns",
        "connected_seconds", "cost", "run",
    ]

    /// A call as its call-log row: the CSV's names, numbers as numbers, empty as null.
    public static func callLogRow(_ call: CallRecord) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        for (name, text) in zip(CallLogFormat.header, CallLogFormat.fields(call)) {
            if text.isEmpty {
                object[name] = .null
            } else if numericCallColumns.contains(name), let number = Double(text) {
                object[name] = .number(number)
            } else {
                object[name] = .string(text)
            }
        }
        return object
    }

    /// The lead a change row is about (its `leadId` field), nil for a campaign event.
    public static func leadId(fields: [String: String]) -> Int64? { fields["leadId"].flatMap { Int64($0) } }
}
