import Foundation
import SQLKit

extension SQLCampaignStore: ChangeFeedStore {
    public func changes(orgId: Int64, campaignId: Int64, after: Int64, limit: Int) async throws -> [ChangeRow] {
        try await read { db in
            try await db.raw(
                """
                SELECT id, org_id, campaign_id, type, payload, created_at FROM events
                WHERE campaign_id = \(bind: campaignId) AND id > \(bind: after) AND org_id = \(bind: orgId)
                ORDER BY id LIMIT \(bind: max(1, limit))
                """
            ).all().map { row in
                ChangeRow(
                    id: try row.decode(column: "id", as: Int64.self),
                    orgId: try row.decode(column: "org_id", as: Int64.self),
                    campaignId: try row.decode(column: "campaign_id", as: Int64.self),
                    type: try row.decode(column: "type", as: String.self),
                    payload: try row.decode(column: "payload", as: String.self),
                    createdAt: Millis.date(try row.decode(column: "created_at", as: Int64.self)))
            }
        }
    }

    public func latestChangeId(orgId: Int64, campaignId: Int64) async throws -> Int64 {
        try await read { db in
            try await db.raw(
                """
                SELECT id FROM events WHERE campaign_id = \(bind: campaignId) AND org_id = \(bind: orgId)
                ORDER BY id DESC LIMIT 1
                """
            ).first()?.decode(column: "id", as: Int64.self) ?? 0
        }
    }
}

extension SQLCampaignStore {
    /// One `call.started` change row per queued call, in the leasing transaction (one statement per batch).
    func insertCallStartedEvents(_ db: any SQLDatabase, _ attempts: [LeasedAttempt], now: Int64) async throws {
        guard !attempts.isEmpty else { return }
        var events = HotStatement(
            dialect.insertInTransaction + " INTO events (org_id, campaign_id, type, payload, created_at) VALUES ")
        events.rows(
            attempts.map { attempt in
                [
                    .integer(attempt.orgId), .integer(attempt.campaignId), .text("call.started"),
                    .text(
                        JSONText.object(sortedFields: [
                            ("attempt", String(attempt.attempt)), ("callId", String(attempt.callId)),
                            ("from", attempt.from), ("leadId", String(attempt.leadId)), ("to", attempt.to),
                        ])),
                    .integer(now),
                ]
            })
        _ = try await run(events, db)
    }
}
