import ArgumentParser
import CampaignCore
import Foundation
import OutboundApp

/// `outbound calls export|list`: the call log of SPEC §10 on standard output, or a campaign's calls as a table.
struct CallsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls", abstract: "Call log.", subcommands: [Export.self, List.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write every call as CSV to standard output.")
        @Option(help: "SQLite database file.") var db: String
        @Option(parsing: .unconditional, help: "Only this campaign.") var campaign: Int64?
        @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?

        func run() async throws {
            try await failingCleanly {
                let campaign = try campaign.map { try App.campaignId($0) }
                try await App.withStore(db, creating: false) { store in
                    if let campaign {
                        try await OrgSelection.campaign(campaign, org: org, in: store)
                    } else if try await store.organizations().count > 1 {
                        throw CommandFailure("--campaign: the database has several organisations; export one campaign")
                    }
                    try await CallExport.write(store: store, campaignId: campaign) { try Console.out($0) }
                }
            }
        }
    }
}
