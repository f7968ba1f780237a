import CampaignCore
import Foundation
import Testing

@testable import CampaignStore

@Suite("Restart: a new run with its own counters and attempt numbers")
struct RestartRunTests {
    static func leaseAll(_ store: SQLCampaignStore, _ id: Int64, at now: Date) async throws -> [LeasedAttempt] {
        let campaign = try #require(try await store.campaign(id: id))
        return try await store.lease(
            LeaseRequest(campaign: campaign, owner: "w", now: now, limit: 50, openZoneKeys: nil, leaseDuration: 600)
        ).attempts
    }

    static func endAll(_ store: SQLCampaignStore, _ attempts: [LeasedAttempt], at now: Date) async throws {
        for attempt in attempts {
            _ = try await store.recordEnded(
                callId: attempt.callId, owner: "w", result: Fixture.noAnswer(at: now), now: now.addingTimeInterval(30))
        }
    }

    @Test(arguments: StoreBackend.available)
    func countersAndAttemptsStartOverAndEveryCallKnowsItsRun(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(3))
            _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            var now = Fixture.t0
            for _ in 0..<2 {
                try await Self.endAll(store, try await Self.leaseAll(store, id, at: now), at: now)
                now = now.addingTimeInterval(3600)
                _ = try await store.promoteDueLeads(campaignId: id, now: now)
            }
            #expect(try await store.callSummary(campaignId: id).calls == 6)
            _ = try await store.apply(.pause, campaignId: id, now: now)
            _ = try await store.apply(.restart, campaignId: id, now: now)
            #expect(try await store.callSummary(campaignId: id) == CallSummary(), "a restart zeroes the counters")

            let second = try await Self.leaseAll(store, id, at: now)
            #expect(second.map(\.attempt) == [1, 1, 1], "attempt counts from 1 within a run")
            try await Self.endAll(store, second, at: now)
            let summary = try await store.callSummary(campaignId: id)
            #expect(summary.calls == 3 && summary.outcomes == ["no_answer": 3])

            let calls = try await store.calls(campaignId: id)
            #expect(calls.count == 9, "old calls are kept for audit")
            #expect(calls.map(\.run) == [1, 1, 1, 1, 1, 1, 2, 2, 2])
            #expect(calls.allSatisfy { $0.cost == nil })
            let row = Dictionary(uniqueKeysWithValues: zip(CallLogFormat.header, CallLogFormat.fields(calls[8])))
            #expect(row["run"] == "2" && row["attempt"] == "1" && row["connected_seconds"] == "0")
        }
    }

    @Test(arguments: StoreBackend.available)
    func aRestartOpensTheFirstSweepPassAgain(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let settings = Fixture.settings {
                $0.retry.numberStrategy = .sweep
                $0.retry.delayMinutes = 1
            }
            let (_, id) = try await Fixture.campaign(in: store, settings: settings, leads: Fixture.leads(2))
            _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            try await Self.endAll(store, try await Self.leaseAll(store, id, at: Fixture.t0), at: Fixture.t0)
            let later = Fixture.t0.addingTimeInterval(60)
            #expect(try await store.advanceSweep(campaignId: id, now: later) == 2)
            _ = try await store.apply(.pause, campaignId: id, now: later)
            _ = try await store.apply(.restart, campaignId: id, now: later)
            #expect(try await store.advanceSweep(campaignId: id, now: later) == 1, "the new run starts at pass 1")
        }
    }

    @Test(arguments: StoreBackend.available)
    func aDatabaseOfTheOlderSchemaMigratesAndItsCallsAreRunOne(backend: StoreBackend) async throws {
        try await backend.withDatabase { database in
            let old = try await SQLCampaignStore.openSQLite(path: database.path, migratingThrough: 7)
            let (_, id) = try await Fixture.campaign(in: old, leads: Fixture.leads(2))
            _ = try await old.apply(.start, campaignId: id, now: Fixture.t0)
            let leased = try await Self.leaseAll(old, id, at: Fixture.t0)
            try await old.close()

            // Recording writes the newest schema's columns: the calls placed under the old one end after it migrated.
            let store = try await database.open()
            try await Self.endAll(store, leased, at: Fixture.t0)
            let calls = try await store.calls(campaignId: id)
            #expect(calls.count == 2 && calls.allSatisfy { $0.run == 1 && $0.cost == nil })
            let fields = CallLogFormat.fields(calls[0])
            #expect(fields.count == CallLogFormat.header.count)
            #expect(Array(fields.suffix(3)) == ["0", "", "1"])
        }
    }
}
