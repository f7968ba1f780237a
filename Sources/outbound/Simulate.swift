import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound simulate`: the real engine on the simulator provider and a virtual clock. Resumable: killed at any
/// moment and run again with the same arguments, it continues from the saved virtual time. One process at a time
/// simulates a campaign (a lease on the simulation); a second is refused while the first lives.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a campaign on the simulator and a virtual clock from --from until --until or completion.")
    @Option(help: "SQLite database file.") var db: String
    @Option(parsing: .unconditional, help: "Campaign id.") var campaign: Int64
    @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
    @Option(help: "Virtual start, ISO-8601 (e.g. 2026-03-09T13:00:00Z).") var from: String
    @Option(help: "Virtual end, ISO-8601.") var until: String
    @Option(parsing: .unconditional, help: "Seed of the callee model.", transform: App.seed) var seed: UInt64 = 1
    @Flag(help: "Print the summary as JSON.") var json = false
    @Option(help: "Compliance rules file replacing the shipped quiet hours and caps (docs/compliance.md).")
    var complianceRules: String?

    func run() async throws {
        try await failingCleanly {
            let campaign = try App.campaignId(campaign)
            let start = try App.instant(from, option: "--from")
            let end = try App.instant(until, option: "--until")
            guard end > start else { throw CommandFailure("--until must be after --from") }
            let rules = try App.complianceRules(complianceRules)
            let summary = try await App.withStore(db, creating: false) { store in
                try await OrgSelection.campaign(campaign, org: org, in: store)
                let bar = ProgressBar()
                return try await Simulation(
                    store: store, campaignId: campaign, seed: seed, compliance: rules,
                    onProgress: { if bar.enabled { bar.update($0) } }, onRunEnd: { bar.finish() }
                )
                .runHoldingLease(from: start, until: end)
            }
            try Console.line(json ? summary.json() : summary.table())
        }
    }
}
