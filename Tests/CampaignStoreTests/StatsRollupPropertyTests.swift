import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

/// The rollups recomputed the slow way, from the calls and leads tables.
struct BruteForceStats {
    static func rollup(_ store: SQLCampaignStore, campaignId: Int64) async throws -> StatsRollup {
        let campaign = try #require(try await store.campaign(id: campaignId))
        var rollup = StatsRollup()
        rollup.run = campaign.generation
        let rates = try await store.database.raw(
            "SELECT id, rate_per_minute, billing_increment_seconds FROM carriers"
        ).all().reduce(into: [Int64: CarrierRate]()) { rates, row in
            guard let text = try row.decode(column: "rate_per_minute", as: String?.self),
                let rate = CarrierRate(
                    ratePerMinute: text,
                    incrementSeconds: try row.decode(column: "billing_increment_seconds", as: Int?.self))
            else { return }
            rates[try row.decode(column: "id", as: Int64.self)] = rate
        }
        let carriers = try await store.database.raw(
            "SELECT id, carrier_id FROM calls WHERE campaign_id = \(bind: campaignId)"
        ).all().reduce(into: [Int64: Int64]()) { carriers, row in
            if let carrier = try row.decode(column: "carrier_id", as: Int64?.self) {
                carriers[try row.decode(column: "id", as: Int64.self)] = carrier
            }
        }
        for call in try await store.calls(campaignId: campaignId) {
            guard let result = call.result else { continue }
            let zone = TimeZone(identifier: call.contactTimezone) ?? .gmt
            let placed = result.startedAt ?? call.queuedAt
            let endDay = CallContribution.utcDay(result.endedAt)
            rollup.days[endDay, default: StatsRollup.DayCost(billedSeconds: 0, costMicros: 0, pricedCalls: 0)]
                .calls += 1
            if let micros = call.cost.map({ NSDecimalNumber(decimal: $0 * 1_000_000).int64Value }),
                let rate = carriers[call.id].flatMap({ rates[$0] })
            {
                let day = CallContribution.utcDay(result.endedAt)
                var cost = rollup.days[day] ?? StatsRollup.DayCost(billedSeconds: 0, costMicros: 0, pricedCalls: 0)
                cost.billedSeconds += Int64(
                    CallCost.billedSeconds(
                        connectedSeconds: result.connectedSeconds, incrementSeconds: rate.incrementSeconds))
                cost.costMicros += micros
                cost.pricedCalls += 1
                rollup.days[day] = cost
            }
            guard call.run == campaign.generation else { continue }
            let human = result.outcome == .answered && result.answeredBy != .machine
            rollup.totals.calls += 1
            rollup.totals.answered += result.outcome == .answered ? 1 : 0
            rollup.totals.humanAnswered += human ? 1 : 0
            rollup.totals.reached += RetryRules.isReached(result, policy: campaign.settings.retry) ? 1 : 0
            rollup.totals.humanConnectedSeconds += human ? result.connectedSeconds : 0
            let slot = LocalSlot(placed, in: zone)
            var cell = rollup.slots[slot] ?? StatsRollup.SlotCount(calls: 0, answered: 0)
            cell.calls += 1
            cell.answered += human ? 1 : 0
            rollup.slots[slot] = cell
        }
        for row in try await store.database.raw(
            """
            SELECT last_disposition, COUNT(*) AS n FROM leads WHERE campaign_id = \(bind: campaignId)
            AND last_disposition IS NOT NULL GROUP BY last_disposition
            """
        ).all() {
            rollup.leadDispositions[try row.decode(column: "last_disposition", as: String.self)] =
                try row.decode(column: "n", as: Int.self)
        }
        return rollup
    }

    /// Whether the prices written on the calls are the cost rule's.
    static func callsPricedByTheRule(
        _ store: SQLCampaignStore, campaignId: Int64, rate: CarrierRate
    ) async throws
        -> Bool
    {
        try await store.calls(campaignId: campaignId).allSatisfy { call in
            guard let result = call.result else { return call.cost == nil }
            let expected = CallCost.of(connectedSeconds: result.connectedSeconds, rate: rate).micros
            return call.cost == Decimal(expected) / 1_000_000
        }
    }
}

@Suite("Stats rollups: kept in the recording transaction, equal to a recomputation from the call log")
struct StatsRollupPropertyTests {
    static let zones = ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London"]
    static let dispositions: [String?] = [
        "INTERESTED", "NOT_INTERESTED", "WRONG_NUMBER", "OPT_OUT", "COMPLETED", "CALLBACK", nil, "interested",
    ]

    static func leads(_ count: Int, from start: Int, random: inout SeededRandom) -> [NewLead] {
        (0..<count).map { offset in
            let index = start + offset
            return NewLead(
                sourceLine: index + 2, numbers: ["+1212555\(String(format: "%04d", index))"],
                timezones: [zones[random.integer(in: 0...zones.count - 1)]], timezoneSource: "column",
                variables: [:])
        }
    }

    static func randomResult(at start: Date, random: inout SeededRandom) -> CallResult {
        switch random.integer(in: 0...5) {
        case 0: return Fixture.noAnswer(at: start)
        case 1:
            return CallResult(startedAt: start, answeredAt: nil, endedAt: start.addingTimeInterval(3), outcome: .busy)
        default:
            let talk = Double(random.integer(in: 0...400))
            return CallResult(
                startedAt: start, answeredAt: start.addingTimeInterval(8), endedAt: start.addingTimeInterval(8 + talk),
                outcome: .answered, answeredBy: [.human, .machine, .unknown][random.integer(in: 0...2)],
                turns: random.integer(in: 0...8),
                disposition: dispositions[random.integer(in: 0...dispositions.count - 1)],
                callbackAt: start.addingTimeInterval(7200))
        }
    }

    static func expectEqual(_ store: SQLCampaignStore, _ id: Int64, orgId: Int64, _ note: String) async throws {
        let stored = try await store.statsRollup(orgId: orgId, campaignId: id)
        let expected = try await BruteForceStats.rollup(store, campaignId: id)
        #expect(stored.totals == expected.totals, "\(note): totals")
        #expect(stored.slots == expected.slots, "\(note): best times")
        #expect(stored.leadDispositions == expected.leadDispositions, "\(note): dispositions")
        #expect(stored.days == expected.days, "\(note): cost days")
        let callsByDay = try await store.calls(campaignId: id).reduce(into: [Int64: Int]()) { days, call in
            if let ended = call.result?.endedAt { days[CallContribution.utcDay(ended), default: 0] += 1 }
        }
        #expect(stored.days.filter { $0.value.calls > 0 }.mapValues(\.calls) == callsByDay, "\(note): calls per day")
        #expect(stored.run == expected.run, "\(note): run")
    }

    @Test(
        "seeded random imports, calls, outcomes, exclusions, restarts and clones keep every rollup exact",
        arguments: StoreBackend.available, [1, 2, 3, 4, 5, 6] as [UInt64])
    func rollupsMatchTheCallLog(backend: StoreBackend, seed: UInt64) async throws {
        try await backend.withStore { store in
            var random = SeededRandom(seed: seed)
            let settings = Fixture.settings {
                $0.window.timezone = .recipient
                $0.mode = .alwaysOn
                $0.callbackDetection = true
                $0.retry.maxAttempts = 4
                $0.retry.redialShortConnectSeconds = random.integer(in: 0...1) == 0 ? nil : 20
                $0.retry.on.insert("voicemail")
            }
            var leadCount = random.integer(in: 4...12)
            let (orgId, id) = try await Fixture.campaign(
                in: store, settings: settings, leads: Self.leads(leadCount, from: 0, random: &random))
            let increment = [1, 6, 60][random.integer(in: 0...2)]
            let rateText = ["0.012", "0.5", "1"][random.integer(in: 0...2)]
            let carrier = try await store.upsertCarrier(
                orgId: orgId, name: "trunk", kind: .simulator, callsPerSecond: nil,
                numbers: settings.numberPool, now: Fixture.t0)
            try await store.setCarrierRate(
                orgId: orgId, carrierId: carrier, ratePerMinute: rateText, billingIncrementSeconds: increment)
            _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            var now = Fixture.t0
            var status = CampaignStatus.running
            for step in 0..<30 {
                let campaign = try #require(try await store.campaign(id: id))
                switch random.integer(in: 0...9) {
                case 0:
                    let added = random.integer(in: 1...3)
                    let contacts = (leadCount..<leadCount + added).map { index in
                        ImportStoreTests.contact(
                            index + 2, ["+1212555\(String(format: "%04d", index))"],
                            zones: [Self.zones[random.integer(in: 0...Self.zones.count - 1)]])
                    }
                    _ = try await ImportStoreTests.importing(contacts, into: id, mode: .append, store: store)
                    leadCount += added
                case 1:
                    let index = random.integer(in: 0...leadCount - 1)
                    _ = try await store.exclude(
                        campaignId: id, e164: "+1212555\(String(format: "%04d", index))", now: now)
                case 2 where status == .running:
                    _ = try await store.apply(.pause, campaignId: id, now: now)
                    _ = try await store.apply(.restart, campaignId: id, now: now)
                case 3:
                    let clone = try await store.clone(campaignId: id, withContacts: true, now: now)
                    try await Self.expectEqual(store, clone, orgId: orgId, "seed \(seed) step \(step): clone")
                    #expect(try await store.statsRollup(orgId: orgId, campaignId: clone).totals.calls == 0)
                default:
                    let leased = try await store.lease(
                        LeaseRequest(
                            campaign: campaign, owner: "w", now: now, limit: random.integer(in: 1...6),
                            openZoneKeys: nil, leaseDuration: 600)
                    ).attempts
                    let ended = leased.map { attempt in
                        EndedCall(callId: attempt.callId, result: Self.randomResult(at: now, random: &random))
                    }
                    _ = try await store.recordEnded(ended, now: now.addingTimeInterval(420))
                }
                status = try #require(try await store.campaign(id: id)).status
                now = now.addingTimeInterval(Double(random.integer(in: 600...30_000)))
                _ = try await store.promoteDueLeads(campaignId: id, now: now)
                try await Self.expectEqual(store, id, orgId: orgId, "seed \(seed) step \(step)")
            }
            let rate = try #require(CarrierRate(ratePerMinute: rateText, incrementSeconds: increment))
            #expect(try await BruteForceStats.callsPricedByTheRule(store, campaignId: id, rate: rate))
        }
    }

    @Test("a call recorded twice (two nodes saw it end) counts once", arguments: StoreBackend.available)
    func aDuplicateEndCountsOnce(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (orgId, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(1))
            _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let campaign = try #require(try await store.campaign(id: id))
            let attempt = try #require(
                try await store.lease(
                    LeaseRequest(
                        campaign: campaign, owner: "w", now: Fixture.t0, limit: 1, openZoneKeys: nil,
                        leaseDuration: 600)
                ).attempts.first)
            let result = Fixture.answered(at: Fixture.t0)
            _ = try await store.recordEnded(callId: attempt.callId, result: result, now: Fixture.t0)
            _ = try await store.recordEnded(callId: attempt.callId, result: result, now: Fixture.t0)
            let rollup = try await store.statsRollup(orgId: orgId, campaignId: id)
            #expect(rollup.totals.calls == 1 && rollup.leadDispositions == ["INTERESTED": 1])
            try await Self.expectEqual(store, id, orgId: orgId, "duplicate end")
        }
    }

    @Test(
        "a database of the schema before the rollups gets them backfilled by the migration",
        arguments: StoreBackend.available)
    func theMigrationBackfills(backend: StoreBackend) async throws {
        try await backend.withDatabase { database in
            let probe = try await database.open()
            let before = probe.migrations.count - 1
            try await probe.close()
            let old = try await SQLCampaignStore.openSQLite(path: database.path + ".old", migratingThrough: before)
            let (orgId, id) = try await Fixture.campaign(in: old, leads: Fixture.leads(6))
            _ = try await old.apply(.start, campaignId: id, now: Fixture.t0)
            var random = SeededRandom(seed: 9)
            let campaign = try #require(try await old.campaign(id: id))
            let leased = try await old.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: Fixture.t0, limit: 6, openZoneKeys: nil, leaseDuration: 600)
            ).attempts
            _ = try await old.recordEnded(
                leased.map { EndedCall(callId: $0.callId, result: Self.randomResult(at: Fixture.t0, random: &random)) },
                now: Fixture.t0)
            try await old.close()
            let migrated = try await SQLCampaignStore.openSQLite(path: database.path + ".old")
            let rollup = try await migrated.statsRollup(orgId: orgId, campaignId: id)
            #expect(rollup.totals.calls == 6)
            try await Self.expectEqual(migrated, id, orgId: orgId, "backfilled")
            try await migrated.close()
        }
    }
}
