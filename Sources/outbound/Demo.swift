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
                let settings = try CampaignSettings.parse(
                    Data(Self.settingsDocument.utf8), numbers: try App.numberValidator())
                let orgId = try await store.createOrganization(name: "Demo Org", now: start)
                let agentId = try await store.createAgent(orgId: orgId, profile: settings.agent, now: start)
                let campaignId = try await store.createCampaign(
                    orgId: orgId, agentId: agentId, settings: settings, now: start)
                guard
                    let list = Bundle.module.url(
                        forResource: "demo-contacts", withExtension: "csv", subdirectory: "Resources")
                else { throw CommandFailure("the bundled demo contact list is missing from this build") }
                let job = try ContactImportJob(path: list.path, region: "US", mappings: [], mode: .replace)
                let added = try await job.run(
                    store: store, campaignId: campaignId, errorsPath: nil, progress: nil, database: db, now: start
                ).totals.imported
                try Console.line(
                    "Demo: campaign \(campaignId) '\(settings.name)', \(added) contacts in 7 US time zones, database \(db)"
                )
                let bar = ProgressBar()
                return try await Simulation(
                    store: store, campaignId: campaignId, seed: seed, compliance: rules,
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

    static let settingsDocument = """
        {
          "name": "Spring Renewal Demo",
          "description": "Sample campaign of outbound demo",
          "agent": {
            "name": "Zara",
            "greeting": "Hi {{NAME}}, this is Zara from Acme about case {{CASE_NUMBER}}.",
            "prompt": "You are a polite renewal assistant.",
            "voicemailMessage": "Hi {{NAME}}, please call Acme back about case {{CASE_NUMBER}}.",
            "callbacks": true
          },
          "numberPool": ["+14155550100", "+14155550101"],
          "window": { "start": "09:00", "end": "18:00", "timezone": "recipient",
                      "days": ["mon", "tue", "wed", "thu", "fri"] },
          "mode": "multi-day",
          "concurrency": 4,
          "retry": { "maxAttempts": 3, "delayMinutes": 120, "on": ["no_answer", "busy", "failed", "timeout", "voicemail"] },
          "callbackDetection": true
        }
        """
}
