import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("Leasing and fenced writes")
struct LeasingTests {
    @Test(arguments: StoreBackend.available)
    func leasesInListOrderUpToTheFreeSlots(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, settings: Fixture.settings { $0.concurrency = 3 })
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let batch = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w1", now: Fixture.t0, limit: 10, openZoneKeys: nil, leaseDuration: 600))
            #expect(batch.attempts.map(\.to) == ["+12125550000", "+12125550001", "+12125550002"])
            #expect(batch.attempts.allSatisfy { $0.attempt == 1 && $0.pass == 1 && $0.leaseOwner == "w1" })
            // rotate spreads caller IDs by list order
            #expect(batch.attempts.map(\.from) == ["+14155550100", "+14155550101", "+14155550100"])
            let more = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w1", now: Fixture.t0, limit: 10, openZoneKeys: nil, leaseDuration: 600))
            #expect(more.attempts.isEmpty, "concurrency 3 is used up by live calls")
            #expect(try await store.liveCallCount(campaignId: id) == 3)
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.inProgress == 3 && counts.pending == 7 && counts.total == 10)
        }
    }

    @Test(arguments: StoreBackend.available)
    func twoConcurrentDispatchersNeverGetTheSameAttempt(backend: StoreBackend) async throws {
        try await backend.withDatabase { database in
            let setup = try await database.open()
            let (_, id) = try await Fixture.campaign(
                in: setup, settings: Fixture.settings { $0.concurrency = 10_000 }, leads: Fixture.leads(600))
            let campaign = try await setup.apply(.start, campaignId: id, now: Fixture.t0)
            let first = try await database.open()
            let second = try await database.open()
            async let a = drain(first, campaign: campaign, owner: "a")
            async let b = drain(second, campaign: campaign, owner: "b")
            let (leadsA, leadsB) = try await (a, b)
            #expect(!leadsA.isEmpty && !leadsB.isEmpty, "both dispatchers got work")
            #expect(Set(leadsA).isDisjoint(with: Set(leadsB)))
            #expect(leadsA.count + leadsB.count == 600)
            #expect(Set(leadsA + leadsB).count == 600)
            let calls = try await setup.calls(campaignId: id)
            #expect(calls.count == 600)
            #expect(Set(calls.map(\.leadId)).count == 600)
        }
    }

    private func drain(_ store: any CampaignStore, campaign: Campaign, owner: String) async throws -> [Int64] {
        var leads: [Int64] = []
        while true {
            let batch = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: owner, now: Fixture.t0, limit: 7, openZoneKeys: nil, leaseDuration: 600))
            if batch.attempts.isEmpty { return leads }
            leads += batch.attempts.map(\.leadId)
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    @Test(arguments: StoreBackend.available)
    func onlyTheFirstEndOfACallLandsWhoeverHoldsTheLease(backend: StoreBackend) async throws {
        try await backend.withDatabase { database in
            let store = try await database.open()
            let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(1))
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let attempt = try #require(
                try await store.lease(
                    LeaseRequest(
                        campaign: campaign, owner: "dead", now: Fixture.t0, limit: 1, openZoneKeys: nil,
                        leaseDuration: 60)
                )
                .attempts.first)
            let later = Fixture.t0.addingTimeInterval(120)
            #expect(try await store.expiredLeases(now: later, campaignId: id).map(\.callId) == [attempt.callId])
            let other = try await database.open()
            #expect(
                try await other.takeOver(
                    callId: attempt.callId, from: "dead", to: "alive", now: later,
                    until: later.addingTimeInterval(60)))
            #expect(
                try await !store.takeOver(
                    callId: attempt.callId, from: "dead", to: "third", now: later,
                    until: later.addingTimeInterval(60)), "a lease is taken over once")
            let first = try await store.recordEnded(
                callId: attempt.callId, owner: "dead", result: Fixture.noAnswer(at: Fixture.t0), now: later)
            guard case .recorded(let decision) = first else {
                Issue.record("the first end lands, whoever holds the lease")
                return
            }
            #expect(decision.status == .pending && decision.retryKey == "no_answer")
            #expect(try await store.leadCounts(campaignId: id).inProgress == 0)
            let second = try await other.recordEnded(
                callId: attempt.callId, owner: "alive", result: Fixture.answered(at: Fixture.t0), now: later)
            #expect(second == .alreadyEnded, "an ended call is immutable")
            #expect(try await store.calls(campaignId: id).first?.result?.outcome == .noAnswer)
            #expect(try await store.leadCounts(campaignId: id).pending == 1, "the lead moved once")
        }
    }

    @Test(arguments: StoreBackend.available)
    func onlyOpenZoneKeysAreLeased(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let leads =
                Fixture.leads(3, prefix: "+1212555", zone: "America/New_York")
                + Fixture.leads(3, prefix: "+1415555", zone: "America/Los_Angeles")
            let (_, id) = try await Fixture.campaign(
                in: store, settings: Fixture.settings { $0.window.timezone = .recipient }, leads: leads)
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            #expect(try await store.zoneKeys(campaignId: id) == ["America/Los_Angeles", "America/New_York"])
            let batch = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: Fixture.t0, limit: 10, openZoneKeys: ["America/New_York"],
                    leaseDuration: 60))
            #expect(batch.attempts.count == 3)
            #expect(batch.attempts.allSatisfy { $0.contactTimezone == "America/New_York" && $0.to.hasPrefix("+1212") })
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.pending == 3 && counts.inProgress == 3 && counts.total == 6)
        }
    }

    @Test(arguments: StoreBackend.available)
    func callsPerHourCapsLeasesAndSaysWhenCapacityReturns(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, settings: Fixture.settings { $0.callsPerHour = 4 })
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let first = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: Fixture.t0, limit: 10, openZoneKeys: nil, leaseDuration: 60))
            #expect(first.attempts.count == 4)
            let capped = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: Fixture.t0.addingTimeInterval(600), limit: 10,
                    openZoneKeys: nil,
                    leaseDuration: 60))
            #expect(capped.attempts.isEmpty)
            let returns = try #require(capped.capacityReturnsAt)
            #expect(returns > Fixture.t0.addingTimeInterval(3600) && returns < Fixture.t0.addingTimeInterval(3601))
        }
    }
}
