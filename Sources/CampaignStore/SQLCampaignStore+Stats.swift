import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: StatsStore {
    public func statsRollup(orgId: Int64, campaignId: Int64) async throws -> StatsRollup {
        try await read { db in
            guard
                let generation = try await db.raw(
                    "SELECT generation FROM campaigns WHERE id = \(bind: campaignId) AND org_id = \(bind: orgId)"
                ).first()?.decode(column: "generation", as: Int64.self)
            else { throw StoreError.campaignNotFound(campaignId) }
            var rollup = StatsRollup()
            rollup.run = Int(generation)
            if let row = try await db.raw(
                """
                SELECT calls, answered, human_answered, reached, human_connected_seconds FROM campaign_call_totals
                WHERE campaign_id = \(bind: campaignId) AND generation = \(bind: generation)
                """
            ).first() {
                rollup.totals.calls = try row.decode(column: "calls", as: Int.self)
                rollup.totals.answered = try row.decode(column: "answered", as: Int.self)
                rollup.totals.humanAnswered = try row.decode(column: "human_answered", as: Int.self)
                rollup.totals.reached = try row.decode(column: "reached", as: Int.self)
                rollup.totals.humanConnectedSeconds = try row.decode(column: "human_connected_seconds", as: Int.self)
            }
            for row in try await db.raw(
                """
                SELECT weekday, hour, calls, answered FROM campaign_best_times
                WHERE campaign_id = \(bind: campaignId) AND generation = \(bind: generation)
                """
            ).all() {
                guard
                    let slot = LocalSlot(
                        isoWeekday: try row.decode(column: "weekday", as: Int.self),
                        hour: try row.decode(column: "hour", as: Int.self))
                else { continue }
                rollup.slots[slot] = StatsRollup.SlotCount(
                    calls: try row.decode(column: "calls", as: Int.self),
                    answered: try row.decode(column: "answered", as: Int.self))
            }
            for row in try await db.raw(
                """
                SELECT disposition, leads FROM campaign_lead_dispositions
                WHERE campaign_id = \(bind: campaignId) AND generation = \(bind: generation) AND leads <> 0
                """
            ).all() {
                rollup.leadDispositions[try row.decode(column: "disposition", as: String.self)] =
                    try row.decode(column: "leads", as: Int.self)
            }
            let calls = hasDayCalls ? "calls" : "0 AS calls"
            for row in try await db.raw(
                """
                SELECT day, billed_seconds, cost_micros, priced_calls, \(unsafeRaw: calls) FROM campaign_cost_days
                WHERE campaign_id = \(bind: campaignId)
                """
            ).all() {
                rollup.days[try row.decode(column: "day", as: Int64.self)] = StatsRollup.DayCost(
                    billedSeconds: try row.decode(column: "billed_seconds", as: Int64.self),
                    costMicros: try row.decode(column: "cost_micros", as: Int64.self),
                    pricedCalls: try row.decode(column: "priced_calls", as: Int.self),
                    calls: try row.decode(column: "calls", as: Int.self))
            }
            return rollup
        }
    }
}
