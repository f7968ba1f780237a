import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

/// The lead counts recounted the slow way: every visible lead of the campaign (`seq` below `next_seq`) by status.
enum LeadRecount {
    static func counts(_ store: SQLCampaignStore, campaignId: Int64) async throws -> LeadCounts {
        try await store.serial { db in
            var counts = LeadCounts()
            for row in try await db.raw(
                """
                SELECT leads.status AS status, COUNT(*) AS n FROM leads
                JOIN campaigns ON campaigns.id = leads.campaign_id
                WHERE leads.campaign_id = \(bind: campaignId) AND leads.seq < campaigns.next_seq
                GROUP BY leads.status
                """
            ).all() {
                let count = try row.decode(column: "n", as: Int.self)
                counts.total += count
                switch try row.decode(column: "status", as: String.self) {
                case "pending", "waiting": counts.pending += count
                case "in_progress": counts.inProgress += count
                case "completed": counts.completed += count
                case "failed": counts.failed += count
                case "excluded": counts.excluded += count
                default: Issue.record("unknown status")
                }
            }
            return counts
        }
    }
}

@Suite("Lead counters: kept by every statement that moves a lead, equal to a recount", .timeLimit(.minutes(3)))
struct LeadCountersPropertyTests {
    static func number(_ index: Int) -> String { "+1212555\(String(format: "%04d", index))" }

    static func expectCounted(_ store: SQLCampaignStore, _ id: Int64, _ note: String) async throws {
        let counted = try await store.leadCounts(campaignId: id)
        let recounted = try await LeadRecount.counts(store, campaignId: id)
        #expect(counted == recounted, "\(note)")
    }

    @Test(
        "seeded random imports, appends, leases, outcomes, blocks, exclusions, sweeps, restarts and clones",
        arguments: StoreBackend.available, [11, 12, 13, 14, 15, 16, 17, 18] as [UInt64])
    func countersMatchARecount(backend: StoreBackend, seed: UInt64) async throws {
        try await backend.withStore { store in
            var random = SeededRandom(seed: seed)
            let zones = StatsRollupPropertyTests.zones
            let settings = Fixture.settings {
                $0.window.timezone = .recipient
                $0.mode = .alwaysOn
                $0.callbackDetection = true
                $0.retry.maxAttempts = random.integer(in: 1...4)
                $0.retry.numberStrategy = random.integer(in: 0...1) == 0 ? .sweep : .rolling
                $0.concurrency = 50
            }
            var leadCount = random.integer(in: 3...10)
            let (orgId, id) = try await Fixture.campaign(
                in: store, settings: settings,
                leads: StatsRollupPropertyTests.leads(leadCount, from: 0, random: &random))
            try await Self.expectCounted(store, id, "seed \(seed): created")
            // A draft takes a replacing list: the old leads go, the new ones are counted.
            if random.integer(in: 0...1) == 0 {
                leadCount = random.integer(in: 2...9)
                let contacts = (0..<leadCount).map { index in
                    ImportStoreTests.contact(
                        index + 2, [Self.number(index)], zones: [zones[random.integer(in: 0...zones.count - 1)]])
                }
                _ = try await ImportStoreTests.importing(contacts, into: id, mode: .replace, store: store)
                try await Self.expectCounted(store, id, "seed \(seed): replaced")
            }
            _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            var now = Fixture.t0
            var campaigns = [id]
            var live: [LeasedAttempt] = []
            for step in 0..<40 {
                let note = "seed \(seed) step \(step)"
                let campaign = try #require(try await store.campaign(id: id))
                switch random.integer(in: 0...12) {
                case 0:
                    let added = random.integer(in: 1...3)
                    let contacts = (leadCount..<leadCount + added).map { index in
                        ImportStoreTests.contact(
                            index + 2, [Self.number(index)], zones: [zones[random.integer(in: 0...zones.count - 1)]])
                    }
                    _ = try await ImportStoreTests.importing(contacts, into: id, mode: .append, store: store)
                    leadCount += added
                case 1:
                    // An append naming an excluded contact again readmits it (no sticky exclusion).
                    let index = random.integer(in: 0...leadCount - 1)
                    let contact = ImportStoreTests.contact(index + 2, [Self.number(index)])
                    _ = try await ImportStoreTests.importing([contact], into: id, mode: .append, store: store)
                case 2:
                    let added = random.integer(in: 1...2)
                    _ = try await store.addLeads(
                        campaignId: id,
                        leads: StatsRollupPropertyTests.leads(added, from: leadCount, random: &random), now: now)
                    leadCount += added
                case 3:
                    _ = try await store.exclude(
                        campaignId: id, e164: Self.number(random.integer(in: 0...leadCount - 1)), now: now)
                case 4 where campaign.status == .running:
                    _ = try await store.apply(.pause, campaignId: id, now: now)
                    _ = try await store.recordEnded(
                        live.map { EndedCall(callId: $0.callId, result: Fixture.noAnswer(at: now)) }, now: now)
                    live = []
                    _ = try await store.apply(.restart, campaignId: id, now: now)
                case 5:
                    let clone = try await store.clone(
                        campaignId: id, withContacts: random.integer(in: 0...1) == 0, now: now)
                    campaigns.append(clone)
                case 6:
                    _ = try await store.failLeads(
                        campaignId: id, zoneKey: zones[random.integer(in: 0...zones.count - 1)],
                        reason: "blocked", blockedBy: nil, now: now)
                case 7:
                    _ = try await store.addOptOut(
                        orgId: orgId, e164: Self.number(random.integer(in: 0...leadCount - 1)), source: "test",
                        now: now)
                case 8:
                    _ = try await store.advanceSweep(campaignId: id, now: now)
                default:
                    let leased = try await store.lease(
                        LeaseRequest(
                            campaign: campaign, owner: "w", now: now, limit: random.integer(in: 1...6),
                            openZoneKeys: nil, leaseDuration: 600)
                    ).attempts
                    try await Self.expectCounted(store, id, "\(note): leased")
                    // Some calls stay live across steps: in progress must be counted while they are.
                    var ending: [LeasedAttempt] = []
                    for attempt in leased {
                        if random.integer(in: 0...3) == 0 { live.append(attempt) } else { ending.append(attempt) }
                    }
                    _ = try await store.recordEnded(
                        ending.map { attempt in
                            EndedCall(
                                callId: attempt.callId,
                                result: StatsRollupPropertyTests.randomResult(at: now, random: &random))
                        }, now: now.addingTimeInterval(420))
                }
                now = now.addingTimeInterval(Double(random.integer(in: 600...30_000)))
                _ = try await store.promoteDueLeads(campaignId: id, now: now)
                for campaignId in campaigns { try await Self.expectCounted(store, campaignId, note) }
            }
            // The reaper's view: every lease still live expires and its end is recorded as a system failure.
            let expired = try await store.expiredLeases(now: now.addingTimeInterval(86_400), campaignId: id)
            _ = try await store.recordEnded(
                expired.map { EndedCall(callId: $0.callId, result: Fixture.noAnswer(at: now)) }, now: now)
            try await Self.expectCounted(store, id, "seed \(seed): after the reaper")
        }
    }

    @Test("a lead an operator excludes while an import is staged is counted once, at its status, by the publish")
    func anExclusionDuringAStagedImportIsCountedOnce() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let settings = Fixture.settings { $0.mode = .alwaysOn }
            let (_, id) = try await Fixture.campaign(in: store, settings: settings, leads: Fixture.leads(3))
            _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let feed = StagedImportTests.PausingFeed(prefix: "+1646555")
            let imported = Task {
                try await store.importContacts(campaignId: id, mode: .append, now: Fixture.t0) { sink in
                    try await feed.run(sink)
                }
            }
            await feed.waitUntilPaused()
            // One staged contact and one visible one are excluded; then the campaign restarts mid-import.
            #expect(try await store.exclude(campaignId: id, e164: "+16465550007", now: Fixture.t0) == 1)
            #expect(try await store.exclude(campaignId: id, e164: "+12125550001", now: Fixture.t0) == 1)
            try await Self.expectCounted(store, id, "while staged")
            #expect(try await store.leadCounts(campaignId: id).total == 3)
            feed.proceed(true)
            _ = try await imported.value
            try await Self.expectCounted(store, id, "published")
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.total == 2_503 && counts.excluded == 2)
        }
    }

    @Test("an abandoned import's staged rows are never counted", arguments: StoreBackend.available)
    func anAbandonedImportCountsNothing(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(4))
            let feed = StagedImportTests.PausingFeed()
            let imported = Task {
                try await store.importContacts(campaignId: id, mode: .append, now: Fixture.t0) { sink in
                    try await feed.run(sink)
                }
            }
            await feed.waitUntilPaused()
            feed.proceed(false)
            await #expect(throws: (any Error).self) { _ = try await imported.value }
            try await Self.expectCounted(store, id, "abandoned")
            #expect(try await store.leadCounts(campaignId: id).total == 4)
        }
    }

    @Test("a database of the schema before the counters gets them filled by the migration")
    func theMigrationFillsTheCounters() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let probe = try await database.open()
            let before = probe.migrations.firstIndex(of: probe.leadCountsVersion)!
            try await probe.close()
            let old = try await SQLCampaignStore.openSQLite(path: database.path + ".old", migratingThrough: before)
            let (_, id) = try await Fixture.campaign(in: old, leads: Fixture.leads(6))
            _ = try await old.apply(.start, campaignId: id, now: Fixture.t0)
            let campaign = try #require(try await old.campaign(id: id))
            let leased = try await old.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: Fixture.t0, limit: 2, openZoneKeys: nil, leaseDuration: 600)
            ).attempts
            _ = try await old.recordEnded(
                [EndedCall(callId: leased[0].callId, result: Fixture.answered(at: Fixture.t0))], now: Fixture.t0)
            _ = try await old.exclude(campaignId: id, e164: "+12125550005", now: Fixture.t0)
            let before1 = try await old.leadCounts(campaignId: id)
            try await old.close()
            let migrated = try await SQLCampaignStore.openSQLite(path: database.path + ".old")
            #expect(try await migrated.leadCounts(campaignId: id) == before1)
            #expect(before1.inProgress == 1 && before1.completed == 1 && before1.excluded == 1 && before1.total == 6)
            try await Self.expectCounted(migrated, id, "filled")
            try await migrated.close()
        }
    }
}
