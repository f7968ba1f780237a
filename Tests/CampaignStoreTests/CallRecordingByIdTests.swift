import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

/// Recording a call's progress and end by call id and state, from any store instance (another node).
@Suite("Recording by call id")
struct CallRecordingByIdTests {
    static func leaseOne(
        _ store: SQLCampaignStore, owner: String = "w", leaseDuration: TimeInterval = 60
    )
        async throws -> (campaignId: Int64, attempt: LeasedAttempt)
    {
        let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(1))
        let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
        let attempt = try #require(
            try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: owner, now: Fixture.t0, limit: 1, openZoneKeys: nil,
                    leaseDuration: leaseDuration)
            ).attempts.first)
        return (id, attempt)
    }

    @Test(arguments: StoreBackend.available)
    func anEndRecordedOnAnotherInstanceWinsAndTheHoldersEndChangesNothing(backend: StoreBackend) async throws {
        try await backend.withDatabase { database in
            let holder = try await database.open()
            let (id, attempt) = try await Self.leaseOne(holder)
            #expect(try await holder.callState(callId: attempt.callId) == .queued)
            let otherNode = try await database.open()
            let result = Fixture.noAnswer(at: Fixture.t0)
            let first = try await otherNode.recordEnded(
                [EndedCall(callId: attempt.callId, result: result, providerCallId: "carrier-1")], now: Fixture.t0)
            guard case .recorded = first[attempt.callId] else {
                Issue.record("the first end lands on any instance")
                return
            }
            let second = try await holder.recordEnded(
                [EndedCall(callId: attempt.callId, result: Fixture.answered(at: Fixture.t0))], now: Fixture.t0)
            #expect(second[attempt.callId] == .alreadyEnded)
            let call = try #require(try await holder.calls(campaignId: id).first)
            #expect(call.result == result)
            #expect(try await holder.callState(callId: attempt.callId) == .ended)
            let counts = try await holder.leadCounts(campaignId: id)
            #expect(counts.inProgress == 0 && counts.pending == 1, "the lead moved once")
            #expect(try await holder.liveCallCount(campaignId: id) == 0)
        }
    }

    @Test(arguments: StoreBackend.available)
    func progressMovesForwardOnlyAndNeverAfterTheEnd(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, attempt) = try await Self.leaseOne(store)
            let callId = attempt.callId
            let answered = CallProgress(
                callId: callId, state: .answered, providerCallId: "p", at: Fixture.t0.addingTimeInterval(5),
                answeredBy: .human)
            #expect(try await store.recordProgress([answered], now: Fixture.t0) == [callId])
            #expect(try await store.callState(callId: callId) == .answered)
            let late = CallProgress(callId: callId, state: .ringing, at: Fixture.t0.addingTimeInterval(1))
            #expect(try await store.recordProgress([late], now: Fixture.t0).isEmpty, "a late ringing changes nothing")
            #expect(try await store.callState(callId: callId) == .answered)
            _ = try await store.recordEnded(callId: callId, result: Fixture.noAnswer(at: Fixture.t0), now: Fixture.t0)
            #expect(try await store.recordProgress([answered], now: Fixture.t0).isEmpty)
            #expect(try await store.callState(callId: callId) == .ended)
            #expect(try await store.callState(callId: callId + 1000) == nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func onlyTheHolderRenewsALiveCallsLeaseAndARenewedLeaseIsNotReaped(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (id, attempt) = try await Self.leaseOne(store, owner: "w", leaseDuration: 60)
            let renewedUntil = Fixture.t0.addingTimeInterval(150)
            #expect(
                try await store.renewLeases(
                    callIds: [attempt.callId], owner: "intruder", until: renewedUntil, now: Fixture.t0
                ).isEmpty)
            #expect(
                try await store.renewLeases(
                    callIds: [attempt.callId], owner: "w", until: renewedUntil, now: Fixture.t0.addingTimeInterval(40)
                ) == [attempt.callId])
            #expect(try await store.expiredLeases(now: Fixture.t0.addingTimeInterval(120), campaignId: id).isEmpty)
            #expect(
                try await store.expiredLeases(now: Fixture.t0.addingTimeInterval(151), campaignId: id).map(\.callId)
                    == [attempt.callId])
            _ = try await store.recordEnded(
                callId: attempt.callId, result: Fixture.noAnswer(at: Fixture.t0), now: Fixture.t0)
            #expect(
                try await store.renewLeases(
                    callIds: [attempt.callId], owner: "w", until: renewedUntil, now: Fixture.t0
                ).isEmpty, "an ended call has no lease to renew")
        }
    }

    @Test(arguments: StoreBackend.available)
    func migrationNineGivesOlderCallsTheirState(backend: StoreBackend) async throws {
        try await backend.withDatabase { database in
            let old = try await SQLCampaignStore.openSQLite(path: database.path, migratingThrough: 8)
            let (_, id) = try await Fixture.campaign(in: old, leads: Fixture.leads(2))
            let campaign = try await old.apply(.start, campaignId: id, now: Fixture.t0)
            let leased = try await old.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: Fixture.t0, limit: 2, openZoneKeys: nil, leaseDuration: 60)
            ).attempts
            // Ended as schema 8 ended calls (this build's recording writes schema 9's columns).
            try await old.serial { db in
                try await db.raw("UPDATE calls SET state = 'ended' WHERE id = \(bind: leased[0].callId)").run()
            }
            try await old.close()
            let store = try await database.open()
            #expect(try await store.callState(callId: leased[0].callId) == .ended)
            #expect(try await store.callState(callId: leased[1].callId) == .dialing)
        }
    }
}
