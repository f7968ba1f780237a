import CampaignCore
import CampaignStore
import Foundation
import OutboundApp
import Testing

@Suite("The demo's data as a use case")
struct DemoCampaignTests {
    @Test("the demo creates its organisation, campaign and 360 contacts in an empty store")
    func createsTheDemo() async throws {
        try await AppStore.withStore { store in
            let demo = try await DemoCampaign.create(in: store, at: AppStore.friday)
            #expect(demo.imported == 360 && demo.settings.name == "Spring Renewal Demo")
            let campaign = try #require(try await store.campaign(id: demo.campaignId))
            #expect(campaign.status == .draft && !campaign.hasRun)
            #expect(try await store.leadCounts(campaignId: demo.campaignId).pending == 360)
        }
    }
}
