import ArgumentParser
import CampaignCore
import Foundation
import OutboundApp

extension CampaignCommand {
    /// `outbound campaign stats ID [--json]`: the figures of `GET /v1/campaigns/{id}/stats`.
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a campaign's counts, KPIs, cost per day and best times.")
        @OptionGroup var target: LifecycleTarget
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                let campaignId = try target.campaignId()
                let report = try await App.withStore(target.db, creating: false) { store in
                    let campaign = try await App.campaign(campaignId, in: store)
                    return try await CampaignStats(store: store).report(
                        orgId: campaign.orgId, campaignId: campaign.id, now: try await App.now(of: store))
                }
                try Console.out(json ? App.json(report.json) + "\n" : StatsText.text(report))
            }
        }
    }
}

/// The stats as a few lines for people.
enum StatsText {
    static func text(_ report: CampaignStatsReport) -> String {
        let counts = report.counts
        var lines = [
            "leads: \(counts.total) (pending \(counts.pending), in progress \(counts.inProgress), completed "
                + "\(counts.completed), failed \(counts.failed), excluded \(counts.excluded))",
            "calls made: \(report.callsMade), reached: \(report.reached), interested: \(report.interested), "
                + "opt-outs: \(report.optOuts)",
            "answer rate: \(percent(report.answerRate)), conversion rate: \(percent(report.conversionRate)), "
                + "average connected: \(String(format: "%.1f", report.averageConnectedSeconds)) s",
            "cost: \(report.costMicros.map(MicroAmount.text) ?? "unknown (no carrier rate)")",
        ]
        let days = report.costPerDay.filter { $0.billedSeconds > 0 || $0.costMicros > 0 }
        for day in days {
            lines.append(
                "  \(day.date): \(String(format: "%.1f", Double(day.billedSeconds) / 60)) min, "
                    + MicroAmount.text(day.costMicros))
        }
        if let best = report.bestTimes.filter({ $0.calls > 0 }).max(by: { $0.answerRate < $1.answerRate }) {
            lines.append(
                "best time: \(best.weekday.rawValue) \(best.hour):00 local (\(percent(best.answerRate)) of "
                    + "\(best.calls) calls answered)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func percent(_ rate: Double) -> String { String(format: "%.1f%%", rate * 100) }
}
