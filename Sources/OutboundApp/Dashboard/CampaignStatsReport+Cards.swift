import CampaignCore
import Foundation

extension CampaignStatsReport {
    /// The KPI cards by SPEC §11 stats name, as `outbound campaign show` writes them (percentages, whole seconds,
    /// money text or `unknown`).
    public var cardTexts: [String: String] {
        CampaignOverview(id: 0, name: "", status: "", run: 0, agentId: 0, counts: [:], nextDial: nil)
            .with(self).kpis ?? [:]
    }
}
