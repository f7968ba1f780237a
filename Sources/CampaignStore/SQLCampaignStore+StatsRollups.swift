import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// Turns the stats rollups' writes on or off (only the benchmark's reference run turns them off).
    public func setRollupWrites(_ enabled: Bool) { rollupWrites.withLock { $0 = enabled } }

    /// Whether the schema has the days' call counts (``dashboardVersion``).
    var hasDayCalls: Bool {
        guard let schemaLimit else { return true }
        return migrations.firstIndex(of: dashboardVersion).map { schemaLimit > $0 } ?? false
    }

    /// Whether the schema has the rollup tables (a test may hold a store on an older schema).
    var hasStatsRollups: Bool {
        guard let schemaLimit else { return true }
        return migrations.firstIndex(of: statsRollupVersion).map { schemaLimit > $0 } ?? false
    }

    /// Sets a carrier's price per minute (a decimal text, nil: none) and billing increment; the calls it carries
    /// from then on are priced. The catalog's carrier routes write the same columns.
    public func setCarrierRate(
        orgId: Int64, carrierId: Int64, ratePerMinute: String?, billingIncrementSeconds: Int?
    ) async throws {
        let micros = ratePerMinute.flatMap { CarrierRate(ratePerMinute: $0)?.microsPerMinute }
        try await transaction { db in
            try await db.raw(
                """
                UPDATE carriers SET rate_per_minute = \(bind: micros),
                billing_increment_seconds = \(bind: billingIncrementSeconds ?? CarrierRate.defaultIncrementSeconds)
                WHERE id = \(bind: carrierId) AND org_id = \(bind: orgId)
                """
            ).run()
        }
    }

    /// Prices the recorded calls whose carrier has a rate (their `cost_micros`) and adds every call's counters,
    /// slot, disposition move and cost to the rollups, inside the recording transaction.
    func writeRollups(_ db: any SQLDatabase, _ recorded: [RecordedCall]) async throws {
        guard !recorded.isEmpty, rollupWrites.withLock({ $0 }), hasStatsRollups else { return }
        var deltas = StatsRollupDeltas()
        var zones: [String: TimeZone] = [:]
        let rates = try await carrierRates(db, ids: Set(recorded.compactMap(\.call.carrierId)))
        var prices: [[HotStatement.Value]] = []
        for entry in recorded {
            let call = entry.call
            let zone = zones[call.contactTimezone] ?? TimeZone(identifier: call.contactTimezone) ?? .gmt
            zones[call.contactTimezone] = zone
            let contribution = CallContribution(
                result: entry.result, reached: entry.decision.reached,
                placedAt: entry.result.startedAt ?? Millis.date(call.queuedAt), zone: zone)
            deltas.addCall(campaignId: call.campaignId, generation: call.generation, contribution)
            if entry.leadUpdated {
                deltas.moveLead(
                    campaignId: call.campaignId, generation: call.generation, from: entry.oldDisposition,
                    to: entry.result.disposition)
            }
            if let carrierId = call.carrierId, let rate = rates[carrierId] {
                let cost = CallCost.of(connectedSeconds: contribution.connectedSeconds, rate: rate)
                deltas.addCost(
                    campaignId: call.campaignId, day: contribution.utcDay, billedSeconds: cost.billedSeconds,
                    micros: cost.micros)
                prices.append([.integer(call.callId), .integer(cost.micros)])
            }
        }
        if !prices.isEmpty {
            var update = HotStatement("WITH v (id, cost_micros) AS (VALUES ")
            update.rows(prices)
            update.append(
                ") \(dialect.updateInTransaction) calls SET cost_micros = v.cost_micros FROM v WHERE calls.id = v.id")
            _ = try await run(update, db)
        }
        try await writeDeltas(db, deltas)
    }

    /// The rates of the carriers among `ids` that have one (a rate that is no decimal counts as none).
    func carrierRates(_ db: any SQLDatabase, ids: Set<Int64>) async throws -> [Int64: CarrierRate] {
        guard !ids.isEmpty else { return [:] }
        var sql = HotStatement(
            """
            SELECT id, rate_per_minute AS rate, billing_increment_seconds AS increment FROM carriers
            WHERE rate_per_minute IS NOT NULL AND id IN (
            """)
        sql.rows(ids.sorted().map { [.integer($0)] }, parenthesized: false)
        sql.append(")")
        var rates: [Int64: CarrierRate] = [:]
        for row in try await run(sql, db, columns: ["id", "rate", "increment"]) {
            let increment = try row.optionalInteger("increment").map { Int($0) }
            guard let micros = try row.optionalInteger("rate"), micros >= 0 else { continue }
            rates[try row.integer("id")] = CarrierRate(microsPerMinute: micros, incrementSeconds: increment)
        }
        return rates
    }

    /// Adds the summed deltas to the rollup tables: one upsert per table, each row once. The days' call counts are
    /// left out with `withDayCalls` false (the rollups' own backfill runs before the migration that adds them).
    func writeDeltas(_ db: any SQLDatabase, _ deltas: StatsRollupDeltas, withDayCalls: Bool = true) async throws {
        if !deltas.totals.isEmpty {
            var sql = HotStatement(
                dialect.insertInTransaction
                    + """
                     INTO campaign_call_totals (campaign_id, generation, calls, answered, human_answered, reached,
                    human_connected_seconds) VALUES\u{20}
                    """)
            sql.rows(
                deltas.totals.sorted { ($0.key.campaignId, $0.key.generation) < ($1.key.campaignId, $1.key.generation) }
                    .map { key, total in
                        [
                            .integer(key.campaignId), .integer(key.generation), .integer(total.calls),
                            .integer(total.answered), .integer(total.humanAnswered), .integer(total.reached),
                            .integer(total.humanConnectedSeconds),
                        ]
                    })
            sql.append(
                """
                 ON CONFLICT (campaign_id, generation) DO UPDATE SET calls = campaign_call_totals.calls + excluded.calls,
                answered = campaign_call_totals.answered + excluded.answered,
                human_answered = campaign_call_totals.human_answered + excluded.human_answered,
                reached = campaign_call_totals.reached + excluded.reached,
                human_connected_seconds = campaign_call_totals.human_connected_seconds + excluded.human_connected_seconds
                """)
            _ = try await run(sql, db)
        }
        if !deltas.slots.isEmpty {
            var sql = HotStatement(
                dialect.insertInTransaction
                    + " INTO campaign_best_times (campaign_id, generation, weekday, hour, calls, answered) VALUES ")
            sql.rows(
                deltas.slots.map { key, value in
                    [
                        .integer(key.run.campaignId), .integer(key.run.generation),
                        .integer(Int64(key.slot.isoWeekday)), .integer(Int64(key.slot.hour)), .integer(value.calls),
                        .integer(value.answered),
                    ]
                })
            sql.append(
                """
                 ON CONFLICT (campaign_id, generation, weekday, hour) DO UPDATE SET
                calls = campaign_best_times.calls + excluded.calls,
                answered = campaign_best_times.answered + excluded.answered
                """)
            _ = try await run(sql, db)
        }
        let moves = deltas.dispositions.filter { $0.value != 0 }
        if !moves.isEmpty {
            var sql = HotStatement(
                dialect.insertInTransaction
                    + " INTO campaign_lead_dispositions (campaign_id, generation, disposition, leads) VALUES ")
            sql.rows(
                moves.map { key, value in
                    [
                        .integer(key.run.campaignId), .integer(key.run.generation), .text(key.disposition),
                        .integer(value),
                    ]
                })
            sql.append(
                """
                 ON CONFLICT (campaign_id, generation, disposition) DO UPDATE SET
                leads = campaign_lead_dispositions.leads + excluded.leads
                """)
            _ = try await run(sql, db)
        }
        if !deltas.days.isEmpty {
            let calls = withDayCalls && hasDayCalls
            var sql = HotStatement(
                dialect.insertInTransaction
                    + " INTO campaign_cost_days (campaign_id, day, billed_seconds, cost_micros, priced_calls"
                    + (calls ? ", calls" : "") + ") VALUES ")
            sql.rows(
                deltas.days.map { key, value in
                    [
                        .integer(key.campaignId), .integer(key.day), .integer(value.billedSeconds),
                        .integer(value.costMicros), .integer(value.pricedCalls),
                    ] + (calls ? [.integer(value.calls)] : [])
                })
            sql.append(
                """
                 ON CONFLICT (campaign_id, day) DO UPDATE SET
                billed_seconds = campaign_cost_days.billed_seconds + excluded.billed_seconds,
                cost_micros = campaign_cost_days.cost_micros + excluded.cost_micros,
                priced_calls = campaign_cost_days.priced_calls + excluded.priced_calls
                """ + (calls ? ", calls = campaign_cost_days.calls + excluded.calls" : ""))
            _ = try await run(sql, db)
        }
    }

    /// A restart starts a new run whose lead dispositions are those the reset leaves: the excluded leads keep
    /// theirs (one grouped read of the campaign's excluded leads, in the restart's transaction).
    func carryExcludedDispositions(_ db: any SQLDatabase, campaignId: Int64) async throws {
        guard rollupWrites.withLock({ $0 }), hasStatsRollups else { return }
        try await db.raw(
            """
            INSERT INTO campaign_lead_dispositions (campaign_id, generation, disposition, leads)
            SELECT \(bind: campaignId), (SELECT generation FROM campaigns WHERE id = \(bind: campaignId)),
            last_disposition, COUNT(*) FROM leads
            WHERE campaign_id = \(bind: campaignId) AND status = 'excluded' AND last_disposition IS NOT NULL
            GROUP BY last_disposition
            """
        ).run()
    }
}

/// A call whose end was recorded in this transaction, with what the rollups need.
struct RecordedCall {
    let call: FencedCall
    let result: CallResult
    let decision: LeadDecision
    /// Whether the lead's row takes the call's result (it was still in progress).
    let leadUpdated: Bool
    /// The lead's disposition before the call.
    let oldDisposition: String?
}
