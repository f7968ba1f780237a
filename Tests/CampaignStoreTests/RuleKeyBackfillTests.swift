import CampaignCore
import CampaignStore
import Foundation
import Testing

/// Leads stored before rule keys existed (a dial key of zones alone) get the rule key of their numbers once, so
/// quiet hours and caps apply to them too.
@Suite("Rule keys for leads stored before them")
struct RuleKeyBackfillTests {
    @Test(arguments: StoreBackend.available)
    func olderLeadsGetTheRuleKeyOfTheirNumbersOnce(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let leads =
                Fixture.leads(3, prefix: "+1305555") + Fixture.leads(2, prefix: "+1212555")
                + [
                    NewLead(
                        sourceLine: 9, numbers: ["+13055550999"], timezones: ["America/New_York"],
                        timezoneSource: "number", variables: [:], ruleKey: "US|US-FL")
                ]
            let (_, id) = try await Fixture.campaign(in: store, leads: leads)
            #expect(
                Set(try await store.zoneKeys(campaignId: id)) == ["America/New_York", "America/New_York#US|US-FL"])
            let moved = try await store.assignRuleKeys { numbers in
                numbers[0].hasPrefix("+1305") ? "US|US-FL" : "US|US-NY"
            }
            #expect(moved == 5)
            #expect(
                Set(try await store.zoneKeys(campaignId: id))
                    == ["America/New_York#US|US-FL", "America/New_York#US|US-NY"])
            #expect(try await store.pendingLeadCount(campaignId: id, zoneKey: "America/New_York#US|US-FL") == 4)
            #expect(try await store.assignRuleKeys { _ in "XX" } == 0, "nothing left to do")
        }
    }
}
