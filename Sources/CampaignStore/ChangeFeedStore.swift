import CampaignCore
import Foundation

/// One change row (the `events` table): written in the same transaction as the change it describes, read in id
/// order by the live feed (`GET /v1/campaigns/{id}/events`) and, later, by the webhook sender's outbox. Its `type`
/// is a SPEC §13 event name: `campaign.status.changed`, `campaign.lead.updated`, `call.started`, `call.ended`.
public struct ChangeRow: Sendable, Equatable {
    /// Increasing id: the feed's `id:` and the webhook's stable event id.
    public var id: Int64
    /// The organisation.
    public var orgId: Int64
    /// The campaign.
    public var campaignId: Int64
    /// The event name.
    public var type: String
    /// The event's `data` fields (a JSON object of strings).
    public var payload: String
    /// When the change was made.
    public var createdAt: Date
    /// The event's SPEC §13 `data` (``ChangeEventData``), filled by the readers; `.null` when not read.
    public var data: JSONValue

    /// Creates a row.
    public init(
        id: Int64, orgId: Int64, campaignId: Int64, type: String, payload: String, createdAt: Date,
        data: JSONValue = .null
    ) {
        self.id = id
        self.orgId = orgId
        self.campaignId = campaignId
        self.type = type
        self.payload = payload
        self.createdAt = createdAt
        self.data = data
    }

    /// The row's own fields (a JSON object of strings).
    public var fields: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(payload.utf8))) ?? [:]
    }
}

/// What the live feed reads: a campaign's change rows after a position, through the `(campaign_id, id)` index.
public protocol ChangeFeedStore: Sendable {
    /// Up to `limit` change rows of the organisation's campaign with an id above `after`, oldest first.
    func changes(orgId: Int64, campaignId: Int64, after: Int64, limit: Int) async throws -> [ChangeRow]
    /// The id of the campaign's latest change row (0 when none).
    func latestChangeId(orgId: Int64, campaignId: Int64) async throws -> Int64
}
