import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: ChangeFeedStore {
    public func changes(orgId: Int64, campaignId: Int64, after: Int64, limit: Int) async throws -> [ChangeRow] {
        try await read { db in
            let rows = try await db.raw(
                """
                SELECT id, org_id, campaign_id, type, payload, created_at FROM events
                WHERE campaign_id = \(bind: campaignId) AND id > \(bind: after) AND org_id = \(bind: orgId)
                ORDER BY id LIMIT \(bind: max(1, limit))
                """
            ).all().map(Self.changeRow)
            return try await withEventData(db, orgId: orgId, rows)
        }
    }

    static func changeRow(_ row: any SQLRow) throws -> ChangeRow {
        ChangeRow(
            id: try row.decode(column: "id", as: Int64.self),
            orgId: try row.decode(column: "org_id", as: Int64.self),
            campaignId: try row.decode(column: "campaign_id", as: Int64?.self) ?? 0,
            type: try row.decode(column: "type", as: String.self),
            payload: try row.decode(column: "payload", as: String.self),
            createdAt: Millis.date(try row.decode(column: "created_at", as: Int64.self)))
    }

    /// The rows with their SPEC §13 `data`: a `call.ended` row's call-log row is read from the call and its transcript
    /// from the agent's report (both immutable once the call is final, so every read and redelivery carries the same
    /// data), one query each for all of them.
    func withEventData(_ db: any SQLDatabase, orgId: Int64, _ rows: [ChangeRow]) async throws -> [ChangeRow] {
        let callIds = rows.compactMap { row in
            row.type == "call.ended" ? row.fields["callId"].flatMap { Int64($0) } : nil
        }
        var calls: [Int64: CallRecord] = [:]
        var transcripts: [Int64: String] = [:]
        if !callIds.isEmpty {
            var sql: SQLQueryString = "SELECT * FROM calls WHERE org_id = \(bind: orgId) AND id IN ("
            for (index, id) in callIds.enumerated() { sql += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            sql += ")"
            for call in try await db.raw(sql).all().map(decodeCall) { calls[call.id] = call }
            if hasAgentReports { transcripts = try await reportedTranscripts(db, orgId: orgId, callIds: callIds) }
        }
        return rows.map { row in
            var row = row
            let fields = row.fields
            row.data = ChangeEventData.data(
                type: row.type, campaignId: row.campaignId, eventId: row.id, fields: fields,
                call: fields["callId"].flatMap { Int64($0) }.flatMap { calls[$0] },
                transcript: fields["callId"].flatMap { Int64($0) }.flatMap { transcripts[$0] })
            return row
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
