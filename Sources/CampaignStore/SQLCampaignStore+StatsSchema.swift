import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// The stats migration: the rollups that `GET …/stats` reads instead of scanning calls (per campaign run: call
    /// counters, the best-times grid by the contact's local ISO weekday and hour, leads by last disposition; per
    /// campaign and UTC day: billed seconds and cost in millionths), the carriers' rates, and the index the live
    /// feed reads the change rows (`events`) through. ``backfillStatsRollups(_:)`` fills the rollups from the calls
    /// and leads already stored.
    var statsRollupVersion: [String] {
        [
            """
            CREATE TABLE campaign_call_totals (campaign_id BIGINT NOT NULL, generation BIGINT NOT NULL,
            calls BIGINT NOT NULL, answered BIGINT NOT NULL, human_answered BIGINT NOT NULL, reached BIGINT NOT NULL,
            human_connected_seconds BIGINT NOT NULL, PRIMARY KEY (campaign_id, generation))
            """,
            """
            CREATE TABLE campaign_best_times (campaign_id BIGINT NOT NULL, generation BIGINT NOT NULL,
            weekday BIGINT NOT NULL, hour BIGINT NOT NULL, calls BIGINT NOT NULL, answered BIGINT NOT NULL,
            PRIMARY KEY (campaign_id, generation, weekday, hour))
            """,
            """
            CREATE TABLE campaign_lead_dispositions (campaign_id BIGINT NOT NULL, generation BIGINT NOT NULL,
            disposition TEXT NOT NULL, leads BIGINT NOT NULL, PRIMARY KEY (campaign_id, generation, disposition))
            """,
            """
            CREATE TABLE campaign_cost_days (campaign_id BIGINT NOT NULL, day BIGINT NOT NULL,
            billed_seconds BIGINT NOT NULL, cost_micros BIGINT NOT NULL, priced_calls BIGINT NOT NULL,
            PRIMARY KEY (campaign_id, day))
            """,
            "CREATE INDEX events_campaign ON events (campaign_id, id)",
        ]
    }

    /// Fills the rollups from every ended call and every lead's last disposition (run once, by the migration that
    /// creates them, in its transaction): the calls are read in pages by id and counted by the same rules as
    /// recording; a call already priced is counted on its day with its connected seconds as billed time.
    func backfillStatsRollups(_ db: any SQLDatabase) async throws {
        var deltas = StatsRollupDeltas()
        var policies: [Int64: RetryPolicy] = [:]
        var zones: [String: TimeZone] = [:]
        var after: Int64 = 0
        while true {
            let rows = try await db.raw(
                """
                SELECT * FROM calls WHERE state = 'ended' AND id > \(bind: after) ORDER BY id LIMIT 5000
                """
            ).all()
            guard !rows.isEmpty else { break }
            for row in rows {
                let record = try decodeCall(row)
                after = record.id
                guard let result = record.result else { continue }
                if policies[record.campaignId] == nil {
                    policies[record.campaignId] = try await loadCampaign(db, id: record.campaignId)?.settings.retry
                }
                let policy = policies[record.campaignId] ?? RetryPolicy()
                let zone = zones[record.contactTimezone] ?? TimeZone(identifier: record.contactTimezone) ?? .gmt
                zones[record.contactTimezone] = zone
                let contribution = CallContribution(
                    result: result, reached: RetryRules.isReached(result, policy: policy),
                    placedAt: result.startedAt ?? record.queuedAt, zone: zone)
                deltas.addCall(campaignId: record.campaignId, generation: Int64(record.run), contribution)
                if let micros = try row.decode(column: "cost_micros", as: Int64?.self) {
                    deltas.addCost(
                        campaignId: record.campaignId, day: contribution.utcDay,
                        billedSeconds: contribution.connectedSeconds, micros: micros)
                }
            }
        }
        try await writeDeltas(db, deltas, withDayCalls: false)
        try await db.raw(
            """
            INSERT INTO campaign_lead_dispositions (campaign_id, generation, disposition, leads)
            SELECT leads.campaign_id, campaigns.generation, leads.last_disposition, COUNT(*)
            FROM leads JOIN campaigns ON campaigns.id = leads.campaign_id
            WHERE leads.last_disposition IS NOT NULL
            GROUP BY leads.campaign_id, campaigns.generation, leads.last_disposition
            """
        ).run()
    }
}
