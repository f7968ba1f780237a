import CampaignCore
import CampaignStore
import Foundation
import Testing

/// The lease holds a lead whose number a frequency cap reached, counting every attempt to the number.
@Suite("Frequency caps at lease time")
struct FrequencyCapLeaseTests {
    static let number = "+12125550199"
    static let uncapped = DialKey(zoneKey: "America/New_York", ruleKey: "US|US-NY")
    static let capped = DialKey(zoneKey: "America/New_York", ruleKey: "US|US-FL|US-NY")

    static func lead(_ line: Int, key: DialKey) -> NewLead {
        NewLead(
            sourceLine: line, numbers: [number], timezones: [key.zoneKey], timezoneSource: "number",
            variables: ["NAME": "C\(line)"], ruleKey: key.ruleKey)
    }

    /// Seed 67 of the property test: a lead without caps and a lead with the Florida cap took the same number in
    /// one lease, and the capped lead's call was the fourth in 24 h because its check missed the other's.
    @Test(arguments: StoreBackend.available, [false, true])
    func anUncappedLeadInTheSameLeaseCountsTowardsTheCap(backend: StoreBackend, cappedFirst: Bool) async throws {
        try await backend.withStore { store in
            let later = cappedFirst ? [Self.capped, Self.uncapped] : [Self.uncapped, Self.capped]
            let keys = [Self.uncapped, Self.uncapped] + later
            let (_, id) = try await Fixture.campaign(
                in: store, settings: Fixture.settings { $0.concurrency = 10 },
                leads: keys.enumerated().map { Self.lead($0.offset + 2, key: $0.element) })
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let first = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w1", now: Fixture.t0, limit: 2, openZoneKeys: [Self.uncapped.text],
                    leaseDuration: 600))
            #expect(first.attempts.count == 2)
            var request = LeaseRequest(
                campaign: campaign, owner: "w1", now: Fixture.t0.addingTimeInterval(60), limit: 10,
                openZoneKeys: [Self.uncapped.text, Self.capped.text], leaseDuration: 600)
            request.caps[Self.capped.text] = [("us-fl", FrequencyCap(calls: 3, windowHours: 24)!)]
            let second = try await store.lease(request)
            #expect(second.attempts.map(\.leadId) == [cappedFirst ? 4 : 3], "only the uncapped lead dials")
            #expect(second.capWaits == ["us-fl": 1])
            let calls = try await store.calls(campaignId: id)
            #expect(calls.filter { $0.to == Self.number }.count == 3)
        }
    }
}
