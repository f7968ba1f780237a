import CampaignCore
import CampaignStore
import Foundation
import NIOCore

/// One message of a campaign's live feed, as Server-Sent Events text.
public enum FeedItem: Sendable, Equatable {
    /// A change row: `id:` its id, `event:` its type, `data:` `{"type", "timestamp", "data"}` (the webhook shape of
    /// SPEC §13, `data` as ``ChangeEventData`` makes it).
    case change(ChangeRow)
    /// The campaign's lead counts (`event: counts`, no id).
    case counts(LeadCounts)
    /// A comment that keeps the connection open through proxies.
    case heartbeat

    /// The message's bytes.
    public var text: String {
        switch self {
        case .change(let row):
            let data =
                row.data == .null
                ? ChangeEventData.data(type: row.type, campaignId: row.campaignId, eventId: row.id, fields: row.fields)
                : row.data
            let event: JSONValue = .object([
                "type": .string(row.type), "timestamp": .string(ISOTime.format(row.createdAt)), "data": data,
            ])
            return "id: \(row.id)\nevent: \(row.type)\ndata: \(Self.line(event))\n\n"
        case .counts(let counts):
            let value: JSONValue = .object([
                "total": .number(Double(counts.total)), "pending": .number(Double(counts.pending)),
                "inProgress": .number(Double(counts.inProgress)), "completed": .number(Double(counts.completed)),
                "failed": .number(Double(counts.failed)), "excluded": .number(Double(counts.excluded)),
            ])
            return "event: counts\ndata: \(Self.line(value))\n\n"
        case .heartbeat:
            return ": heartbeat\n\n"
        }
    }

    /// The message as a buffer.
    var buffer: ByteBuffer { ByteBuffer(string: text) }

    private static func line(_ value: JSONValue) -> String {
        String(decoding: JSONBody.data(value), as: UTF8.self)
    }
}
