import CampaignCore
import Foundation
import Testing

@testable import OutboundApp

@Suite("A campaign's ETag: kept per campaign, always the tag of its current value")
struct CampaignETagTests {
    @Test("after any sequence of edits, status moves and restarts the kept tag is the one computed afresh")
    func theKeptTagFollowsEveryChange() {
        var random = SeededRandom(seed: 7)
        var campaign = Campaign(
            id: 9_001, orgId: 1, agentId: 1, status: .draft,
            settings: CampaignSettings(name: "Spring", agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100"]),
            hasRun: false, generation: 1)
        var seen: [String: Campaign] = [:]
        for step in 0..<200 {
            switch random.integer(in: 0...4) {
            case 0: campaign.settings.concurrency = random.integer(in: 1...50)
            case 1: campaign.settings.retry.maxAttempts = random.integer(in: 1...9)
            case 2: campaign.status = [.draft, .running, .paused, .completed][random.integer(in: 0...3)]
            case 3:
                campaign.generation += random.integer(in: 0...1)
                campaign.agentId = Int64(random.integer(in: 1...2))
            default: campaign.settings.name = "Spring \(random.integer(in: 0...5))"
            }
            let tag = ServerCampaigns.etag(campaign)
            #expect(tag == ServerCampaigns.computedETag(campaign), "step \(step)")
            if let earlier = seen[tag] {
                #expect(earlier == campaign, "step \(step): one tag for two different values")
            }
            seen[tag] = campaign
        }
    }
}
