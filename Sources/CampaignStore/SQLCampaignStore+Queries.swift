import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func runnableCampaignIds() async throws -> [Int64] {
        try await read { db in
            try await db.raw("SELECT id FROM campaigns WHERE status IN ('running', 'scheduled') ORDER BY id")
                .all().map { try $0.decode(column: "id", as: Int64.self) }
        }
    }

    public func pendingLeadCount(campaignId: Int64, zoneKey: String) async throws -> Int {
        try await read { db in
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM leads WHERE campaign_id = \(bind: campaignId) AND status = 'pending'
                AND zone_id IN (SELECT id FROM zone_keys WHERE zone_key = \(bind: zoneKey))
                """ + visibleOnly(campaignId: campaignId)
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func zoneKeys(campaignId: Int64) async throws -> [String] {
        try await read { db in
            try await db.raw(
                "SELECT zone_key FROM campaign_zones WHERE campaign_id = \(bind: campaignId) ORDER BY zone_key"
            )
            .all().map { try $0.decode(column: "zone_key", as: String.self) }
        }
    }

    public func earliestWaiting(campaignId: Int64) async throws -> Date? {
        try await read { db in
            let row = try await db.raw(
                """
                SELECT next_at FROM leads WHERE campaign_id = \(bind: campaignId) AND status = 'waiting'
                ORDER BY next_at LIMIT 1
                """
            ).first()
            return Millis.optionalDate(try row?.decode(column: "next_at", as: Int64.self))
        }
    }

    public func liveCallCount(campaignId: Int64) async throws -> Int {
        try await read { db in try await countLive(db, campaignId: campaignId) }
    }

    public func earliestForeignLeaseExpiry(campaignId: Int64, owner: String) async throws -> Date? {
        try await read { db in
            let row = try await db.raw(
                """
                SELECT MIN(lease_expires) AS t FROM calls WHERE campaign_id = \(bind: campaignId) AND state = 'live'
                AND lease_owner <> \(bind: owner)
                """
            ).first()
            return Millis.optionalDate(try row?.decode(column: "t", as: Int64?.self))
        }
    }

    public func leadCounts(campaignId: Int64) async throws -> LeadCounts {
        try await read { db in
            hasLeadCounters
                ? try await countedLeads(db, campaignId: campaignId)
                : try await recountLeads(db, campaignId: campaignId)
        }
    }

    /// The counts recomputed from the leads (a database older than the counters): two index counts.
    func recountLeads(_ db: any SQLDatabase, campaignId: Int64) async throws -> LeadCounts {
        var counts = LeadCounts()
        // Both counts read one index each and no table row: the total from the list order, the statuses other
        // than pending from their index; the pending leads are the difference. While an import is in progress
        // its chunks (from the frontier on) are left out, which costs the second count a look at each row.
        let frontier = try await stagingFrontier(db, campaignId: campaignId)
        var totalQuery: SQLQueryString = "SELECT COUNT(*) AS n FROM leads WHERE campaign_id = \(bind: campaignId)"
        var settledQuery: SQLQueryString = """
            SELECT status, COUNT(*) AS n FROM leads WHERE campaign_id = \(bind: campaignId) AND status <> 'pending'
            """
        if let frontier {
            totalQuery += " AND seq < \(bind: frontier)"
            settledQuery += " AND seq < \(bind: frontier)"
        }
        settledQuery += " GROUP BY status"
        let total = try await db.raw(totalQuery).first()?.decode(column: "n", as: Int.self) ?? 0
        counts.total = total
        counts.pending = total
        let rows = try await db.raw(settledQuery).all()
        for row in rows {
            let count = try row.decode(column: "n", as: Int.self)
            counts.pending -= count
            counts.add(count, status: try row.decode(column: "status", as: String.self))
        }
        return counts
    }

    public func hasOpenLeads(campaignId: Int64) async throws -> Bool {
        try await read { db in
            if try await hasPendingLeads(db, campaignId: campaignId) { return true }
            return try await db.raw(
                """
                SELECT 1 AS hit FROM leads WHERE campaign_id = \(bind: campaignId)
                AND status IN ('waiting', 'in_progress') LIMIT 1
                """
            ).first() != nil
        }
    }

    /// The calls of the campaign's current run (a restart starts the counts over; older calls stay for audit).
    public func callSummary(campaignId: Int64) async throws -> CallSummary {
        try await read { db in
            var summary = CallSummary()
            let rows = try await db.raw(
                """
                SELECT outcome, answered_by, disposition, COUNT(*) AS n, MIN(queued_at) AS first_q,
                MAX(ended_at) AS last_e FROM calls WHERE campaign_id = \(bind: campaignId) AND state = 'ended'
                AND generation = (SELECT generation FROM campaigns WHERE id = \(bind: campaignId))
                GROUP BY outcome, answered_by, disposition
                """
            ).all()
            for row in rows {
                let count = try row.decode(column: "n", as: Int.self)
                let outcome = try row.decode(column: "outcome", as: String?.self) ?? "unknown"
                let answeredBy = try row.decode(column: "answered_by", as: String?.self)
                let key = outcome == "answered" ? answeredBy.map { "answered (\($0))" } ?? outcome : outcome
                summary.calls += count
                if outcome == "answered" && answeredBy != "machine" { summary.reached += count }
                summary.outcomes[key, default: 0] += count
                if let disposition = try row.decode(column: "disposition", as: String?.self) {
                    summary.dispositions[disposition, default: 0] += count
                }
                let first = Millis.optionalDate(try row.decode(column: "first_q", as: Int64?.self))
                let last = Millis.optionalDate(try row.decode(column: "last_e", as: Int64?.self))
                if let first { summary.firstQueued = min(summary.firstQueued ?? first, first) }
                if let last { summary.lastEnded = max(summary.lastEnded ?? last, last) }
            }
            return summary
        }
    }

    public func calls(campaignId: Int64?) async throws -> [CallRecord] {
        try await read { db in
            var sql = SQLQueryString("SELECT * FROM calls")
            if let campaignId { sql += " WHERE campaign_id = \(bind: campaignId)" }
            sql += " ORDER BY id"
            return try await db.raw(sql).all().map(decodeCall)
        }
    }

    public func isOptedOut(orgId: Int64, e164: String) async throws -> Bool {
        try await read { db in
            try await db.raw("SELECT 1 AS hit FROM opt_outs WHERE org_id = \(bind: orgId) AND e164 = \(bind: e164)")
                .first() != nil
        }
    }

    public func simulationClock(campaignId: Int64) async throws -> Date? {
        try await read { db in
            let row = try await db.raw("SELECT now_at FROM simulation_clocks WHERE campaign_id = \(bind: campaignId)")
                .first()
            return Millis.optionalDate(try row?.decode(column: "now_at", as: Int64.self))
        }
    }

    /// Forgets a campaign's saved virtual time (a forecast starts its own run on a copy).
    public func resetSimulationClock(campaignId: Int64) async throws {
        try await transaction { db in
            try await db.raw("DELETE FROM simulation_clocks WHERE campaign_id = \(bind: campaignId)").run()
        }
    }

    public func saveSimulationClock(campaignId: Int64, now: Date) async throws {
        // One statement: atomic on its own, so no explicit transaction (and its extra round of locking).
        try await serial { db in
            try await db.raw(
                """
                INSERT INTO simulation_clocks (campaign_id, now_at) VALUES (\(bind: campaignId), \(bind: Millis.from(now)))
                ON CONFLICT (campaign_id) DO UPDATE SET now_at = excluded.now_at
                """
            ).run()
        }
    }

    /// Whether the campaign has a visible pending lead whose pass is `pass` (any, when nil), through the queue
    /// index.
    func hasPendingLeads(_ db: any SQLDatabase, campaignId: Int64, pass: Int? = nil) async throws -> Bool {
        var sql: SQLQueryString =
            "SELECT 1 AS hit FROM leads WHERE campaign_id = \(bind: campaignId) AND status = 'pending'"
        sql += visibleOnly(campaignId: campaignId)
        if let pass { sql += " AND pass = \(bind: pass)" }
        sql += " LIMIT 1"
        return try await db.raw(sql).first() != nil
    }
}
