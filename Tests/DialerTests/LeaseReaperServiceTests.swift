import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Testing

@Suite("The lease reaper service")
struct LeaseReaperServiceTests {
    @Test func reapsOnlyLapsedLeasesAndRecordsWhatTheProviderKnows() async throws {
        try await Harness.withStore { store, _ in
            let settings = Harness.settings { $0.window.timezone = .named(TimeZone(identifier: "America/New_York")!) }
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: Harness.leads(3),
                at: Harness.friday)
            let campaign = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let leased = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "crashed-node", now: Harness.friday, limit: 3, openZoneKeys: nil,
                    leaseDuration: 600)
            ).attempts
            #expect(leased.count == 3)
            let clock = VirtualClock(start: Harness.friday.addingTimeInterval(300))
            let simulator = SimulatorProvider(model: settings.simulator, seed: 3)
            let reaper = LeaseReaperService(
                store: store, provider: ForgetfulProvider(inner: simulator), clock: clock,
                workerId: "reaper")
            #expect(try await reaper.reapOnce() == 0, "leases that have not lapsed are left alone")
            clock.advance(by: 400)
            #expect(try await reaper.reapOnce() == 3)
            let calls = try await store.calls(campaignId: id)
            #expect(calls.allSatisfy { $0.result?.outcome == .interrupted })
            #expect(try await store.liveCallCount(campaignId: id) == 0, "the slots are free again")
            #expect(try await reaper.reapOnce() == 0, "an ended call is never reaped twice")
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.inProgress == 0 && counts.pending == 3, "interrupted counts as failed: retried later")
        }
    }
}
