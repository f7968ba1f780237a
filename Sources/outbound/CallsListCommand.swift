import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

extension CallsCommand {
    /// `outbound calls list --campaign ID`: a campaign's calls, in the order they were queued, as a table or JSON.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a campaign's calls in the order they were queued (a table, or JSON rows of the call log).")
        @Option(help: "SQLite database file.") var db: String
        @Option(parsing: .unconditional, help: "Campaign id.") var campaign: Int64
        @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
        @Option(parsing: .unconditional, help: "At most this many calls, 1 to 100000.") var limit = 100
        @Flag(help: "Print JSON: the call-log rows with their CSV column names.") var json = false

        func run() async throws {
            try await failingCleanly {
                let campaignId = try App.campaignId(campaign)
                guard (1...100_000).contains(limit) else { throw CommandFailure("--limit must be from 1 to 100000") }
                let calls = try await App.withStore(db, creating: false) { store in
                    try await OrgSelection.campaign(campaignId, org: org, in: store)
                    let campaign = try await App.campaign(campaignId, in: store)
                    return try await CallPages.first(
                        limit, orgId: campaign.orgId, campaignId: campaign.id, in: store)
                }
                if json {
                    let rows = calls.map {
                        Dictionary(uniqueKeysWithValues: zip(CallLogFormat.header, CallLogFormat.fields($0)))
                    }
                    return try Console.line(App.json(rows))
                }
                try Console.line(CallPages.table(calls))
            }
        }
    }
}
