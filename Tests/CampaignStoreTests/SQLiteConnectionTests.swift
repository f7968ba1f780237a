import CampaignCore
import Foundation
import Synchronization
import Testing

@testable import CampaignStore

@Suite("The store's SQLite connection")
struct SQLiteConnectionTests {
    /// 300 is no power of two and more than one chunk: the lease's insert, the record's update and the 600 events
    /// each run as several statements, and the results must come back whole and matched to their rows.
    @Test func aBatchLargerThanOneChunkIsLeasedAndRecordedWhole() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (_, id) = try await Fixture.campaign(
                in: store, settings: Fixture.settings { $0.concurrency = 1_000 }, leads: Fixture.leads(300))
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let batch = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w1", now: Fixture.t0, limit: 300, openZoneKeys: nil,
                    leaseDuration: 600))
            #expect(batch.attempts.count == 300)
            #expect(Set(batch.attempts.map(\.leadId)).count == 300)
            let rows = Dictionary(
                uniqueKeysWithValues: try await store.calls(campaignId: id).map { ($0.id, $0.leadId) })
            #expect(batch.attempts.allSatisfy { rows[$0.callId] == $0.leadId }, "each call id belongs to its lead")

            let ended = batch.attempts.map { EndedCall(callId: $0.callId, result: Fixture.noAnswer(at: Fixture.t0)) }
            let outcomes = try await store.recordEnded(
                ended, owner: "w1", now: Fixture.t0.addingTimeInterval(60))
            #expect(outcomes.count == 300)
            #expect(outcomes.values.allSatisfy { if case .recorded = $0 { true } else { false } })
            #expect(try await store.liveCallCount(campaignId: id) == 0)
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.inProgress == 0 && counts.pending == 300, "every lead is back, waiting for its retry")
        }
    }

    /// Without the query planner stability guarantee SQLite marks the bound values its planner looked at (campaign
    /// 1's `campaign_id = 1` among them), and clearing or changing them compiles the cached statement again; the
    /// loop must run on the statements it prepared once (turning the guarantee off fails this test).
    @Test func theDiallingLoopRecompilesNoCachedStatement() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (_, id) = try await Fixture.campaign(
                in: store, settings: Fixture.settings { $0.concurrency = 5 }, leads: Fixture.leads(40))
            #expect(id == 1)
            var campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let handle = try #require(store.sqliteHandle)
            var now = Fixture.t0
            var before: Int?
            for round in 0..<6 {
                campaign = try #require(try await store.campaign(id: id))
                _ = try await store.promoteDueLeads(campaignId: id, now: now)
                let batch = try await store.lease(
                    LeaseRequest(
                        campaign: campaign, owner: "w1", now: now, limit: 5, openZoneKeys: nil, leaseDuration: 600))
                now = now.addingTimeInterval(40)
                _ = try await store.recordEnded(
                    batch.attempts.map { EndedCall(callId: $0.callId, result: Fixture.noAnswer(at: now)) },
                    owner: "w1", now: now)
                _ = try await store.liveCallCount(campaignId: id)
                _ = try await store.earliestWaiting(campaignId: id)
                // The first round prepares the statements (after the migrations' schema changes); count from there.
                if round == 0 { before = handle.recompilations }
            }
            #expect(handle.recompilations == before)
        }
    }

    /// A write that meets another connection's transaction waits for it (asleep, not on a blocked thread) and
    /// then succeeds.
    @Test func aWriteWaitsForAnotherConnectionsTransaction() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let holder = try await database.open()
            let writer = try await database.open()
            let (_, id) = try await Fixture.campaign(in: holder)
            let released = Mutex(false)
            let holding = Task {
                try await holder.transaction { _ in
                    try await Task.sleep(for: .milliseconds(300))
                    released.withLock { $0 = true }
                }
            }
            try await Task.sleep(for: .milliseconds(50))
            try await writer.saveSimulationClock(campaignId: id, now: Fixture.t0)
            #expect(released.withLock { $0 }, "the write went through only after the other transaction ended")
            try await holding.value
        }
    }
}
