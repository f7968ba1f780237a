import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("Operator actions: exclusion, edits, caps")
struct OperatorActionsTests {
    @Test(arguments: StoreBackend.available, [false, true])
    func exclusionIsStickyOnlyWhenTheCampaignSaysSo(backend: StoreBackend, sticky: Bool) async throws {
        try await backend.withStore { store in
            let settings = Fixture.settings {
                $0.stickyExclusion = sticky
                $0.mode = .alwaysOn
            }
            let lead = NewLead(
                sourceLine: 2, numbers: ["+12125550001", "+12125550002"], timezones: ["America/New_York"],
                timezoneSource: "column", variables: [:])
            let (_, id) = try await Fixture.campaign(in: store, settings: settings, leads: [lead])
            #expect(
                try await store.exclude(campaignId: id, e164: "+12125550002", now: Fixture.t0) == 1,
                "an alternate number matches too")
            #expect(
                try await store.exclude(campaignId: id, e164: "+1212555000", now: Fixture.t0) == 0,
                "a prefix is not a number")
            _ = try await store.addLeads(campaignId: id, leads: [lead], now: Fixture.t0)
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.excluded == (sticky ? 2 : 1))
            #expect(counts.pending == (sticky ? 0 : 1))
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let leased = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: Fixture.t0, limit: 5, openZoneKeys: nil, leaseDuration: 60))
            #expect(leased.attempts.count == (sticky ? 0 : 1), "an excluded contact is never dialled")
        }
    }

    @Test(arguments: StoreBackend.available)
    func settingsEditOnlyInDraftOrPausedAndNameAndAgentLockAfterTheFirstRun(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store)
            var draft = Fixture.settings()
            draft.name = "Renamed"
            draft.concurrency = 7
            #expect(
                try await store.updateSettings(campaignId: id, settings: draft, now: Fixture.t0).settings.name
                    == "Renamed")
            _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            var running = draft
            running.concurrency = 9
            await #expect(throws: StoreError.notEditable(campaignId: id, status: "running")) {
                try await store.updateSettings(campaignId: id, settings: running, now: Fixture.t0)
            }
            _ = try await store.apply(.pause, campaignId: id, now: Fixture.t0)
            running.numberPool = ["+14155550199"]
            let paused = try await store.updateSettings(campaignId: id, settings: running, now: Fixture.t0)
            #expect(paused.settings.concurrency == 9 && paused.settings.numberPool == ["+14155550199"])
            var renamed = running
            renamed.name = "Another"
            await #expect(throws: StoreError.locked(campaignId: id, what: "name")) {
                try await store.updateSettings(campaignId: id, settings: renamed, now: Fixture.t0)
            }
            var otherAgent = running
            otherAgent.agent.greeting = "Hello"
            await #expect(throws: StoreError.locked(campaignId: id, what: "agent")) {
                try await store.updateSettings(campaignId: id, settings: otherAgent, now: Fixture.t0)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func theOrganisationCapSpansCampaigns(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (orgId, first) = try await Fixture.campaign(in: store, leads: Fixture.leads(5))
            let (_, second) = try await Fixture.campaign(in: store, leads: Fixture.leads(5, prefix: "+1646555"))
            try await store.setConcurrencyCap(orgId: orgId, cap: 3)
            let a = try await store.apply(.start, campaignId: first, now: Fixture.t0)
            let b = try await store.apply(.start, campaignId: second, now: Fixture.t0)
            let fromA = try await store.lease(
                LeaseRequest(
                    campaign: a, owner: "w", now: Fixture.t0, limit: 2, openZoneKeys: nil, leaseDuration: 60))
            let fromB = try await store.lease(
                LeaseRequest(
                    campaign: b, owner: "w", now: Fixture.t0, limit: 5, openZoneKeys: nil, leaseDuration: 60))
            #expect(fromA.attempts.count == 2 && fromB.attempts.count == 1)
        }
    }

    @Test(arguments: StoreBackend.available)
    func aCarriersCallsPerSecondLimitHoldsAndSaysWhenItFrees(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (orgId, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(10))
            _ = try await store.upsertCarrier(
                orgId: orgId, name: "trunk", kind: .sip, callsPerSecond: 2,
                numbers: Fixture.settings().numberPool, now: Fixture.t0)
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let first = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: Fixture.t0, limit: 10, openZoneKeys: nil, leaseDuration: 60))
            #expect(first.attempts.count == 2)
            let second = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: Fixture.t0.addingTimeInterval(0.5), limit: 10,
                    openZoneKeys: nil,
                    leaseDuration: 60))
            #expect(second.attempts.isEmpty)
            let frees = try #require(second.capacityReturnsAt)
            #expect(frees > Fixture.t0.addingTimeInterval(1) && frees < Fixture.t0.addingTimeInterval(1.01))
            let third = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: frees, limit: 10, openZoneKeys: nil, leaseDuration: 60))
            #expect(third.attempts.count == 2)
        }
    }
}
