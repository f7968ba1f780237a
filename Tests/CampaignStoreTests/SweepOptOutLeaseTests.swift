import CampaignCore
import CampaignStore
import Foundation
import Testing

/// A sweep lead whose next number opted out between its dials, at lease time.
@Suite("Sweep and opt-outs at lease time")
struct SweepOptOutLeaseTests {
    /// Seed 86 of the property test: the pass's last number opted out before its dial, and the lead dialled its first
    /// number again in the same pass, at once. It waits for the next pass and the retry delay instead.
    @Test(arguments: StoreBackend.available)
    func aPassWithoutLiveNumbersLeftWaitsForTheNextPass(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let settings = Fixture.settings {
                $0.retry.numberStrategy = .sweep
                $0.retry.maxAttempts = 2
                $0.retry.delayMinutes = 60
                $0.retry.on = ["no_answer"]
            }
            let lead = NewLead(
                sourceLine: 2, numbers: ["+12125550100", "+12125550101"], timezones: ["America/New_York"],
                timezoneSource: "column", variables: ["NAME": "Ann"])
            let (orgId, id) = try await Fixture.campaign(in: store, settings: settings, leads: [lead])
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            func lease(at now: Date) async throws -> LeaseBatch {
                _ = try await store.promoteDueLeads(campaignId: id, now: now)
                _ = try await store.advanceSweep(campaignId: id, now: now)
                return try await store.lease(
                    LeaseRequest(
                        campaign: campaign, owner: "w", now: now, limit: 5, openZoneKeys: nil, leaseDuration: 600))
            }
            let first = try #require(try await lease(at: Fixture.t0).attempts.first)
            let ended = Fixture.t0.addingTimeInterval(30)
            _ = try await store.recordEnded(
                callId: first.callId, owner: "w", result: Fixture.noAnswer(at: Fixture.t0), now: ended)
            try await store.addOptOut(orgId: orgId, e164: "+12125550101", source: "operator", now: ended)
            let settled = try await lease(at: ended)
            #expect(settled.attempts.isEmpty && settled.settledOptOuts == 1)
            #expect(try await lease(at: ended).attempts.isEmpty, "not the first number again in pass 1")
            #expect(try await lease(at: ended.addingTimeInterval(3590)).attempts.isEmpty, "the delay holds")
            let next = try #require(try await lease(at: ended.addingTimeInterval(3600)).attempts.first)
            #expect(next.pass == 2 && next.numberIndex == 0 && next.attempt == 2)
        }
    }
}
