import CampaignCore
import SQLKit

extension SQLCampaignStore {
    /// Whether the schema has the lead counters (a test may hold a store on an older schema).
    var hasLeadCounters: Bool {
        guard let schemaLimit else { return true }
        return migrations.firstIndex(of: leadCountsVersion).map { schemaLimit > $0 } ?? false
    }

    /// The campaign's counts from its counters (``leadCountsVersion``): one short index read.
    func countedLeads(_ db: any SQLDatabase, campaignId: Int64) async throws -> LeadCounts {
        var counts = LeadCounts()
        for row in try await db.raw(
            "SELECT status, leads FROM campaign_lead_counts WHERE campaign_id = \(bind: campaignId)"
        ).all() {
            let count = try row.decode(column: "leads", as: Int.self)
            counts.total += count
            counts.add(count, status: try row.decode(column: "status", as: String.self))
        }
        return counts
    }

    /// Counts the leads from `fromSeq` up to the campaign's `next_seq`, which the caller's transaction has just made
    /// visible (an import's publish, an append, a clone); their later status moves are the trigger's.
    func addLeadCounts(_ db: any SQLDatabase, campaignId: Int64, fromSeq: Int64) async throws {
        guard hasLeadCounters else { return }
        let status = SQLQueryString(Self.countedStatus("status"))
        try await db.raw(
            """
            INSERT INTO campaign_lead_counts (campaign_id, status, leads)
            SELECT campaign_id, \(status), COUNT(*) FROM leads WHERE campaign_id = \(bind: campaignId)
            AND seq >= \(bind: fromSeq) AND seq < (SELECT next_seq FROM campaigns WHERE id = \(bind: campaignId))
            GROUP BY campaign_id, \(status)
            ON CONFLICT (campaign_id, status) DO UPDATE SET leads = campaign_lead_counts.leads + excluded.leads
            """
        ).run()
    }

    /// Forgets the counts of a campaign whose visible leads the caller's transaction has just deleted.
    func clearLeadCounts(_ db: any SQLDatabase, campaignId: Int64) async throws {
        guard hasLeadCounters else { return }
        try await db.raw("DELETE FROM campaign_lead_counts WHERE campaign_id = \(bind: campaignId)").run()
    }
}

extension SQLCampaignStore {
    /// Drops the trigger that keeps the lead counters: only for a benchmark's reference run on a database it
    /// throws away (the counters go stale from then on).
    public func dropLeadCounterTriggerForBenchmark() async throws {
        try await transaction { db in
            try await db.raw("DROP TRIGGER IF EXISTS leads_counted").run()
        }
    }
}
