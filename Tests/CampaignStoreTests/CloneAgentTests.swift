import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("Clones own their agents")
struct CloneAgentTests {
    @Test(arguments: StoreBackend.available)
    func editingACloneLeavesTheOriginalsAgentAlone(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store)
            _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            _ = try await store.apply(.cancel, campaignId: id, now: Fixture.t0)
            let original = try #require(try await store.campaign(id: id))
            let cloneId = try await store.clone(campaignId: id, withContacts: true, now: Fixture.t0)
            let clone = try #require(try await store.campaign(id: cloneId))
            #expect(clone.agentId != original.agentId, "the clone has an agent row of its own")
            #expect(try await store.agent(id: clone.agentId)?.profile == original.settings.agent)

            var settings = clone.settings
            settings.agent.greeting = "Hello {{NAME}}, new script"
            settings.agent.name = "Nova"
            _ = try await store.updateSettings(campaignId: cloneId, settings: settings, now: Fixture.t0)
            #expect(try await store.agent(id: original.agentId)?.profile == original.settings.agent)
            #expect(try await store.agent(id: original.agentId)?.profile.name == "Zara")
            let edited = try #require(try await store.campaign(id: cloneId))
            #expect(try await store.agent(id: edited.agentId)?.profile.name == "Nova")
        }
    }

    @Test(arguments: StoreBackend.available)
    func editingOneOfTwoDraftsThatShareAnAgentCopiesIt(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let orgId = try await store.organization(named: "acme", now: Fixture.t0)
            let agentId = try await store.createAgent(orgId: orgId, profile: Fixture.settings().agent, now: Fixture.t0)
            let first = try await store.createCampaign(
                orgId: orgId, agentId: agentId, settings: Fixture.settings(), now: Fixture.t0)
            let second = try await store.createCampaign(
                orgId: orgId, agentId: agentId, settings: Fixture.settings(), now: Fixture.t0)
            var settings = Fixture.settings()
            settings.agent.prompt = "A different prompt"
            let edited = try await store.updateSettings(campaignId: second, settings: settings, now: Fixture.t0)
            #expect(try await store.agent(id: agentId)?.profile.prompt == "")
            #expect(try await store.campaign(id: first)?.agentId == agentId)
            #expect(edited.agentId != agentId)
            #expect(try await store.agent(id: edited.agentId)?.profile.prompt == "A different prompt")

            settings.agent.prompt = "Edited again"
            let again = try await store.updateSettings(campaignId: second, settings: settings, now: Fixture.t0)
            #expect(again.agentId == edited.agentId, "an agent the campaign owns alone is edited in place")
            #expect(try await store.agent(id: edited.agentId)?.profile.prompt == "Edited again")
        }
    }
}
