import CampaignCore
import Foundation
import Testing

@testable import CampaignStore

@Suite("Campaigns, leads and opt-outs in the store")
struct CampaignLifecycleStoreTests {
    @Test(arguments: StoreBackend.available)
    func migrationsAreIdempotentAndSettingsRoundTrip(backend: StoreBackend) async throws {
        try await backend.withDatabase { database in
            let store = try await database.open()
            let settings = Fixture.settings {
                $0.retry.numberStrategy = .sweep
                $0.callsPerHour = 120
                $0.startAt = Fixture.t0
            }
            let (_, id) = try await Fixture.campaign(in: store, settings: settings)
            try await store.close()
            let reopened = try await database.open()
            try await reopened.migrate()
            let campaign = try #require(try await reopened.campaign(id: id))
            #expect(campaign.settings == settings)
            #expect(campaign.status == .draft && !campaign.hasRun && campaign.generation == 1)
        }
    }

    @Test(arguments: StoreBackend.available)
    func illegalTransitionsChangeNothing(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store)
            await #expect(throws: StoreError.self) { try await store.apply(.pause, campaignId: id, now: Fixture.t0) }
            #expect(try await store.campaign(id: id)?.status == .draft)
            let (_, empty) = try await Fixture.campaign(in: store, leads: [])
            await #expect(throws: StoreError.self) { try await store.apply(.start, campaignId: empty, now: Fixture.t0) }
            #expect(try await store.campaign(id: empty)?.status == .draft)
            await #expect(throws: StoreError.self) { try await store.apply(.start, campaignId: 999, now: Fixture.t0) }
        }
    }

    @Test(arguments: StoreBackend.available)
    func scheduledStartWaitsForItsTime(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let later = Fixture.t0.addingTimeInterval(3600)
            let (_, id) = try await Fixture.campaign(in: store, settings: Fixture.settings { $0.startAt = later })
            #expect(try await store.apply(.start, campaignId: id, now: Fixture.t0).status == .scheduled)
            let running = try await store.apply(.scheduleReached, campaignId: id, now: later)
            #expect(running.status == .running && running.hasRun)
        }
    }

    @Test(arguments: StoreBackend.available)
    func contactsLockAfterTheFirstRunAndRestartResetsLeads(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(2))
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            await #expect(throws: StoreError.contactsLocked(campaignId: id)) {
                try await store.addLeads(campaignId: id, leads: Fixture.leads(1, prefix: "+1646555"), now: Fixture.t0)
            }
            let attempt = try #require(
                try await store.lease(
                    LeaseRequest(
                        campaign: campaign, owner: "w", now: Fixture.t0, limit: 1, openZoneKeys: nil, leaseDuration: 60)
                )
                .attempts.first)
            _ = try await store.apply(.pause, campaignId: id, now: Fixture.t0)
            await #expect(throws: StoreError.self, "restart waits for live calls") {
                try await store.apply(.restart, campaignId: id, now: Fixture.t0)
            }
            _ = try await store.recordEnded(
                callId: attempt.callId, owner: "w", result: Fixture.answered(at: Fixture.t0), now: Fixture.t0)
            #expect(try await store.leadCounts(campaignId: id).completed == 1)
            let restarted = try await store.apply(.restart, campaignId: id, now: Fixture.t0.addingTimeInterval(60))
            #expect(restarted.status == .running && restarted.generation == 2)
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.pending == 2 && counts.completed == 0)
            #expect(try await store.calls(campaignId: id).count == 1, "old calls are kept for audit")
        }
    }

    @Test(arguments: StoreBackend.available)
    func optOutBlocksTheNumberInEveryCampaignOfTheOrganisationOnly(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let shared = Fixture.leads(1)
            let (orgId, first) = try await Fixture.campaign(in: store, leads: shared)
            let (_, second) = try await Fixture.campaign(in: store, leads: shared)
            let (otherOrg, foreign) = try await Fixture.campaign(in: store, leads: shared, org: "globex")
            let campaign = try await store.apply(.start, campaignId: first, now: Fixture.t0)
            let attempt = try #require(
                try await store.lease(
                    LeaseRequest(
                        campaign: campaign, owner: "w", now: Fixture.t0, limit: 1, openZoneKeys: nil, leaseDuration: 60)
                )
                .attempts.first)
            let outcome = try await store.recordEnded(
                callId: attempt.callId, owner: "w", result: Fixture.answered(at: Fixture.t0, disposition: "OPT_OUT"),
                now: Fixture.t0)
            guard case .recorded(let decision) = outcome else {
                Issue.record("not recorded")
                return
            }
            #expect(decision.optOutNumber && decision.status == .completed)
            #expect(try await store.isOptedOut(orgId: orgId, e164: shared[0].numbers[0]))
            #expect(try await !store.isOptedOut(orgId: otherOrg, e164: shared[0].numbers[0]))

            let sibling = try await store.apply(.start, campaignId: second, now: Fixture.t0)
            let blocked = try await store.lease(
                LeaseRequest(
                    campaign: sibling, owner: "w", now: Fixture.t0, limit: 5, openZoneKeys: nil, leaseDuration: 60))
            #expect(blocked.attempts.isEmpty && blocked.settledOptOuts == 1)
            #expect(try await store.leadCounts(campaignId: second).failed == 1)

            let other = try await store.apply(.start, campaignId: foreign, now: Fixture.t0)
            let allowed = try await store.lease(
                LeaseRequest(
                    campaign: other, owner: "w", now: Fixture.t0, limit: 5, openZoneKeys: nil, leaseDuration: 60))
            #expect(allowed.attempts.count == 1, "another organisation's opt-out list does not apply")
        }
    }

    @Test(arguments: StoreBackend.available)
    func anOptedOutPrimaryMovesTheLeadToItsAlternate(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let lead = NewLead(
                sourceLine: 2, numbers: ["+12125550000", "+12125550002"], timezones: ["America/New_York"],
                timezoneSource: "number", variables: [:])
            let primaryOnly = NewLead(
                sourceLine: 2, numbers: ["+12125550000"], timezones: ["America/New_York"],
                timezoneSource: "number", variables: [:])
            let (_, first) = try await Fixture.campaign(in: store, leads: [primaryOnly])
            let (_, second) = try await Fixture.campaign(in: store, leads: [lead])
            let campaign = try await store.apply(.start, campaignId: first, now: Fixture.t0)
            let attempt = try #require(
                try await store.lease(
                    LeaseRequest(
                        campaign: campaign, owner: "w", now: Fixture.t0, limit: 1, openZoneKeys: nil, leaseDuration: 60)
                )
                .attempts.first)
            #expect(attempt.to == "+12125550000")
            _ = try await store.recordEnded(
                callId: attempt.callId, owner: "w", result: Fixture.answered(at: Fixture.t0, disposition: "OPT_OUT"),
                now: Fixture.t0)
            let target = try await store.apply(.start, campaignId: second, now: Fixture.t0)
            let settled = try await store.lease(
                LeaseRequest(
                    campaign: target, owner: "w", now: Fixture.t0, limit: 1, openZoneKeys: nil, leaseDuration: 60))
            #expect(settled.attempts.isEmpty && settled.settledOptOuts == 1, "the opted-out primary is never dialled")
            let leased = try await store.lease(
                LeaseRequest(
                    campaign: target, owner: "w", now: Fixture.t0, limit: 1, openZoneKeys: nil, leaseDuration: 60))
            #expect(leased.attempts.map(\.to) == ["+12125550002"])
            #expect(leased.attempts.map(\.numberIndex) == [1])
        }
    }

    @Test(arguments: StoreBackend.available)
    func cloneCopiesSettingsAndOptionallyContactsIntoADraft(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(4))
            _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let bare = try await store.clone(campaignId: id, withContacts: false, now: Fixture.t0)
            let full = try await store.clone(campaignId: id, withContacts: true, now: Fixture.t0)
            let copy = try #require(try await store.campaign(id: full))
            #expect(copy.status == .draft && !copy.hasRun && copy.settings.name == "Test (copy)")
            #expect(try await store.leadCounts(campaignId: bare).total == 0)
            #expect(try await store.leadCounts(campaignId: full).pending == 4)
            _ = try await store.addLeads(campaignId: full, leads: Fixture.leads(1, prefix: "+1646555"), now: Fixture.t0)
            #expect(try await store.leadCounts(campaignId: full).total == 5, "a clone is a draft whose list is open")
        }
    }
}

@Suite("Hand-written JSON")
struct JSONTextTests {
    @Test(arguments: [
        [:], ["NAME": "Zoë \"Z\" O'Neil"], ["A": "line\nbreak\ttab\r", "B": "back\\slash", "C": "\u{1}\u{1F}"],
        ["url": "https://x/y", "emoji": "📞"],
    ])
    func variablesRoundTripThroughJSONSerialization(fields: [String: String]) throws {
        let text = SQLCampaignStore.encodeVariables(fields)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(parsed == fields)
        let inOrder = fields.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        #expect(JSONText.object(sortedFields: inOrder) == text, "the event writer's form is the same text")
    }
}
