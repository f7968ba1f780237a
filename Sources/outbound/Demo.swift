import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound demo`: zero set-up. A sample organisation, agent, numbers, contacts and campaign, run on the
/// simulator across several virtual days, with a progress bar and a summary.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a sample campaign on the simulator, no set-up.")
    @Option(help: "SQLite file to create, or to replace when an earlier demo made it.") var db = "outbound-demo.sqlite"
    @Option(parsing: .unconditional, help: "Seed of the callee model.", transform: App.seed) var seed: UInt64 = 7
    @Option(help: "Virtual start (a Friday afternoon before the US DST change).") var from = "2026-03-06T15:00:00Z"
    @Option(parsing: .unconditional, help: "Simulated days at most.") var days = 7
    @Option(help: "Compliance rules file replacing the shipped quiet hours and caps (docs/compliance.md).")
    var complianceRules: String?

    func run() async throws {
        try await failingCleanly {
            let start = try App.instant(from, option: "--from")
            guard (1...60).contains(days) else { throw CommandFailure("--days must be from 1 to 60") }
            let rules = try App.complianceRules(complianceRules)
            try await Self.clear(db)
            let summary = try await App.withStore(db, creating: true) { store in
                try await store.markAsDemo()
                let demo = try await DemoCampaign.create(in: store, at: start)
                try Console.line(
                    "Demo: campaign \(demo.campaignId) '\(demo.settings.name)', \(demo.imported) contacts in 7 US "
                        + "time zones, database \(db)")
                let bar = ProgressBar()
                return try await Simulation(
                    store: store, campaignId: demo.campaignId, seed: seed, compliance: rules,
                    onProgress: { if bar.enabled { bar.update($0) } }, onRunEnd: { bar.finish() }
                )
                .run(from: start, until: start.addingTimeInterval(Double(days) * 86_400))
            }
            try Console.line(summary.table())
            try Console.line("Next: outbound calls export --db \(db) --campaign \(summary.campaignId)")
        }
    }

    /// Removes the database at `path` when an earlier demo made it; refuses anything else there.
    static func clear(_ path: String) async throws {
        try PathArgument.database(path)
        switch try await SQLCampaignStore.inspectSQLite(path: path) {
        case .missing:
            return
        case .outbound(demo: true):
            SQLCampaignStore.removeDatabaseFiles(path)
        case .outbound(demo: false), .foreign:
            throw CommandFailure(
                "--db: '\(path)' is not a database the demo created; refusing to replace it (name a new file)")
        }
    }
}
