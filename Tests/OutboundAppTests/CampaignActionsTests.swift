import CampaignCore
import CampaignStore
import Foundation
import OutboundApp
import Testing

@Suite("Campaign actions and exports as use cases")
struct CampaignActionsTests {
    @Test("create, edit, start, clone and exclude through the actions")
    func lifecycle() async throws {
        try await AppStore.withStore { store in
            let actions = CampaignActions(store: store)
            var settings = CampaignSettings(
                name: "Actions", agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100"])
            let id = try await actions.create(settings: settings, organization: "acme", now: AppStore.friday)
            settings.name = "Renamed"
            #expect(
                try await actions.edit(campaignId: id, settings: settings, now: AppStore.friday).settings.name
                    == "Renamed")
            let copy = try await actions.clone(campaignId: id, withContacts: false, now: AppStore.friday)
            #expect(copy != id)
            let filled = try await AppStore.campaign(in: store, leads: 2)
            #expect(try await actions.apply(.start, campaignId: filled, now: AppStore.friday).status == .running)
            #expect(try await actions.exclude(campaignId: filled, number: "+12125550000", now: AppStore.friday) == 1)
        }
    }

    @Test("an unknown campaign or a malformed number is an app failure saying which")
    func failures() async throws {
        try await AppStore.withStore { store in
            let actions = CampaignActions(store: store)
            let clone = await #expect(throws: AppFailure.self) {
                _ = try await actions.clone(campaignId: 9, withContacts: true, now: AppStore.friday)
            }
            #expect(clone?.message == "campaign 9 not found")
            let number = await #expect(throws: AppFailure.self) {
                _ = try await actions.exclude(campaignId: 9, number: "555", now: AppStore.friday)
            }
            #expect(number?.message == "'555' is not an E.164 number (+ and digits)")
            let calls = await #expect(throws: AppFailure.self) {
                _ = try await CallExport.text(store: store, campaignId: 7)
            }
            #expect(calls?.message == "campaign 7 not found")
        }
    }

    @Test("the call log of a campaign without calls is its header")
    func emptyCallLog() async throws {
        try await AppStore.withStore { store in
            let id = try await AppStore.campaign(in: store, leads: 2)
            let text = try await CallExport.text(store: store, campaignId: id)
            #expect(text == CallLogFormat.line(CallLogFormat.header) + "\n")
        }
    }
}
