import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

extension CampaignCommand {
    /// `outbound campaign list`: the organisation's campaigns with status and lead counts.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the organisation's campaigns.")
        @Option(help: "SQLite database file.") var db: String
        @Option(help: "Organisation (default: the database's only one).") var org: String?
        @Option(help: "Only campaigns in this status.") var status: String?
        @Option(help: "Only campaigns whose name contains this text.") var name: String?
        @Flag(help: "Print JSON.") var json = false
        @Option(help: "Compliance rules file replacing the shipped quiet hours and caps (docs/compliance.md).")
        var complianceRules: String?

        func run() async throws {
            try await failingCleanly {
                var filter = CampaignFilter(nameContains: name)
                if let status {
                    guard let parsed = CampaignStatus(rawValue: status) else {
                        let names = CampaignStatus.allCases.map(\.rawValue).joined(separator: ", ")
                        throw CommandFailure("--status: '\(status)' is not one of \(names)")
                    }
                    filter.status = parsed
                }
                let rules = try App.complianceRules(complianceRules)
                let overviews = try await App.withStore(db, creating: false) { store in
                    let orgId = try await OrgSelection.organization(org, in: store).id
                    let now = try await App.now(of: store)
                    var overviews: [CampaignOverview] = []
                    var after: Int64?
                    repeat {
                        let page = try await store.campaigns(orgId: orgId, filter: filter, afterId: after, limit: 500)
                        for campaign in page {
                            overviews.append(
                                try await CampaignOverview.of(
                                    campaign, store: store, compliance: rules, now: now))
                        }
                        after = page.count == 500 ? page.last?.id : nil
                    } while after != nil
                    return overviews
                }
                if json { return try Console.line(App.json(overviews)) }
                try Console.line(CampaignOverview.table(overviews))
            }
        }
    }

    /// `outbound campaign show ID`: status, lead counts and the next dial of one campaign.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a campaign: status, lead counts, KPIs, when it next dials.")
        @OptionGroup var target: LifecycleTarget
        @Flag(help: "Print JSON.") var json = false
        @Option(help: "Compliance rules file replacing the shipped quiet hours and caps (docs/compliance.md).")
        var complianceRules: String?

        func run() async throws {
            try await failingCleanly {
                let campaignId = try target.campaignId()
                let rules = try App.complianceRules(complianceRules)
                let overview = try await App.withStore(target.db, creating: false) { store in
                    try await OrgSelection.campaign(campaignId, org: target.org, in: store)
                    let campaign = try await App.campaign(campaignId, in: store)
                    let now = try await App.now(of: store)
                    let stats = try await CampaignStats(store: store).report(
                        orgId: campaign.orgId, campaignId: campaign.id, now: now)
                    return try await CampaignOverview.of(campaign, store: store, compliance: rules, now: now)
                        .with(stats)
                }
                try Console.line(json ? App.json(overview) : overview.text())
            }
        }
    }
}
