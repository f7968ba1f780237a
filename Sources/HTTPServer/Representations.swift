import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// The JSON shapes of the API's objects (SPEC §11: camelCase, except call-log rows, which keep their CSV names).
enum Representations {
    static func campaign(_ campaign: Campaign, counts: LeadCounts? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .number(Double(campaign.id)),
            "status": .string(campaign.status.rawValue),
            "name": .string(campaign.settings.name),
            "agentId": .number(Double(campaign.agentId)),
            "hasRun": .bool(campaign.hasRun),
            "run": .number(Double(campaign.generation)),
            "etag": .string(ServerCampaigns.etag(campaign)),
            "settings": campaign.settings.document(),
        ]
        if let counts {
            object["counts"] = .object([
                "total": .number(Double(counts.total)), "pending": .number(Double(counts.pending)),
                "inProgress": .number(Double(counts.inProgress)), "completed": .number(Double(counts.completed)),
                "failed": .number(Double(counts.failed)), "excluded": .number(Double(counts.excluded)),
            ])
        }
        return .object(object)
    }

    static func lead(_ lead: LeadRecord) -> JSONValue {
        let variables = (try? JSONDecoder().decode(JSONValue.self, from: Data(lead.variablesJSON.utf8))) ?? .object([:])
        return .object([
            "id": .number(Double(lead.id)),
            "campaignId": .number(Double(lead.campaignId)),
            "sourceLine": .number(Double(lead.sourceLine)),
            "status": .string(lead.status),
            "numbers": .array(lead.numbers.map(JSONValue.string)),
            "numberIndex": .number(Double(lead.numberIndex)),
            "currentNumber": lead.numbers.indices.contains(lead.numberIndex)
                ? .string(lead.numbers[lead.numberIndex]) : .null,
            "attempts": .number(Double(lead.attempts)),
            "pass": .number(Double(lead.pass)),
            "nextAttemptAt": time(lead.nextAttemptAt),
            "lastOutcome": lead.lastOutcome.map(JSONValue.string) ?? .null,
            "lastDisposition": lead.lastDisposition.map(JSONValue.string) ?? .null,
            "timezones": .array(lead.timezones.map(JSONValue.string)),
            "timezoneSource": .string(lead.timezoneSource),
            "variables": variables,
            "blockedBy": lead.blockedBy.map(JSONValue.string) ?? .null,
            "updatedAt": time(lead.updatedAt),
        ])
    }

    /// A call as its call-log row: the CSV's names, numbers as numbers, empty as null.
    static func call(_ call: CallRecord) -> JSONValue { .object(ChangeEventData.callLogRow(call)) }

    static func time(_ date: Date?) -> JSONValue { date.map { .string(ISOTime.format($0)) } ?? .null }

    /// The list envelope of SPEC §11.
    static func list(_ items: [JSONValue], next: String?) -> JSONValue {
        .object(["items": .array(items), "nextCursor": next.map(JSONValue.string) ?? .null])
    }
}
