import CampaignCore
import CampaignStore
import Foundation

/// A campaign as `outbound campaign show` and `campaign list` print it: what it is, where its leads stand and when
/// the dialler next has something to dial.
public struct CampaignOverview: Encodable, Sendable, Equatable {
    /// Campaign id.
    public let id: Int64
    /// Name.
    public let name: String
    /// Status.
    public let status: String
    /// Run (1 for the first, +1 after each restart).
    public let run: Int
    /// The agent's id.
    public let agentId: Int64
    /// Lead counts by status.
    public let counts: [String: Int]
    /// When the dialler next has a lead to dial (ISO-8601), or nil when nothing will be dialled until someone acts.
    public let nextDial: String?
    /// The KPI cards of SPEC §8 (`callsMade`, `reached`, `interested`, `optOuts`, `answerRate`, `conversionRate`,
    /// `averageConnectedSeconds`, `cost`), when the overview was asked with its stats.
    public var kpis: [String: String]?

    /// The overview of `campaign` at `now`, reading its leads from `store` and judging hours with `compliance`.
    public static func of(
        _ campaign: Campaign, store: any DiallerStore, compliance: ComplianceRules, now: Date
    ) async throws -> CampaignOverview {
        let counts = try await store.leadCounts(campaignId: campaign.id)
        var dueKeys: [DialRules] = []
        if campaign.status == .running || campaign.status == .scheduled {
            for key in try await store.zoneKeys(campaignId: campaign.id)
            where try await store.pendingLeadCount(campaignId: campaign.id, zoneKey: key) > 0 {
                dueKeys.append(
                    DialRules(key: DialKey(parsing: key), window: campaign.settings.window, rules: compliance))
            }
        }
        let next = NextDial.at(
            status: campaign.status, startAt: campaign.settings.startAt, now: now, dueKeys: dueKeys,
            earliestWaiting: try await store.earliestWaiting(campaignId: campaign.id))
        return CampaignOverview(
            id: campaign.id, name: campaign.settings.name, status: campaign.status.rawValue, run: campaign.generation,
            agentId: campaign.agentId,
            counts: [
                "total": counts.total, "pending": counts.pending, "inProgress": counts.inProgress,
                "completed": counts.completed, "failed": counts.failed, "excluded": counts.excluded,
            ],
            nextDial: next.map(ISOTime.format))
    }

    /// The same overview with the campaign's KPI cards from `stats`.
    public func with(_ stats: CampaignStatsReport) -> CampaignOverview {
        var copy = self
        copy.kpis = [
            "callsMade": "\(stats.callsMade)", "reached": "\(stats.reached)", "interested": "\(stats.interested)",
            "optOuts": "\(stats.optOuts)", "answerRate": Self.percent(stats.answerRate),
            "conversionRate": Self.percent(stats.conversionRate),
            "averageConnectedSeconds": String(Int(stats.averageConnectedSeconds.rounded())),
            "cost": stats.costMicros.map(MicroAmount.text) ?? "unknown",
        ]
        return copy
    }

    static func percent(_ ratio: Double) -> String { String(format: "%.1f%%", ratio * 100) }

    /// The overview as lines for people.
    public func text() -> String {
        let order = ["total", "pending", "inProgress", "completed", "failed", "excluded"]
        return [
            "campaign \(id): \(name)",
            "status     \(status) (run \(run))",
            "agent      \(agentId)",
            "leads      " + order.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", "),
            "next dial  \(nextDial ?? "none until an operator acts or a lead is added")",
        ]
        .joined(separator: "\n") + kpiLines()
    }

    private func kpiLines() -> String {
        guard let kpis else { return "" }
        let order = [
            "callsMade", "reached", "interested", "optOuts", "answerRate", "conversionRate", "averageConnectedSeconds",
            "cost",
        ]
        return "\nkpis       " + order.map { "\($0) \(kpis[$0] ?? "-")" }.joined(separator: ", ")
    }
}

extension CampaignOverview {
    /// Campaigns as a table for people, one line each.
    public static func table(_ overviews: [CampaignOverview]) -> String {
        guard !overviews.isEmpty else { return "no campaigns" }
        let header = ["ID", "STATUS", "LEADS", "PENDING", "DONE", "NEXT DIAL", "NAME"]
        let rows =
            [header]
            + overviews.map { overview in
                [
                    "\(overview.id)", overview.status, "\(overview.counts["total"] ?? 0)",
                    "\(overview.counts["pending"] ?? 0)",
                    "\((overview.counts["completed"] ?? 0) + (overview.counts["failed"] ?? 0) + (overview.counts["excluded"] ?? 0))",
                    overview.nextDial ?? "-", overview.name,
                ]
            }
        return TextTable.render(rows)
    }
}
