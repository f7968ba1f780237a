import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound forecast`: the real engine with the simulator on a virtual clock, against a copy of the data, before a
/// single real call: when the campaign would finish, calls per day, who can never be called and why, and which
/// contacts' numbers do not pin down one time zone.
struct Forecast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict a campaign's run on a copy of the data (nothing in the database changes).")
    @Option(help: "SQLite database file.") var db: String
    @Option(parsing: .unconditional, help: "Campaign id.") var campaign: Int64
    @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
    @Option(help: "Virtual start, ISO-8601 (default: now).") var from: String?
    @Option(parsing: .unconditional, help: "Give up after this many simulated days.") var days = 60
    @Option(parsing: .unconditional, help: "Seed of the callee model.", transform: App.seed) var seed: UInt64 = 1
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "Compliance rules file replacing the shipped quiet hours and caps (docs/compliance.md).")
    var complianceRules: String?

    func run() async throws {
        try await failingCleanly {
            let campaign = try App.campaignId(campaign)
            let start = try from.map { try App.instant($0, option: "--from") } ?? Date()
            guard (1...365).contains(days) else { throw CommandFailure("--days must be from 1 to 365") }
            let rules = try App.complianceRules(complianceRules)
            let forecast = CampaignForecast(campaignId: campaign, seed: seed, compliance: rules, days: days)
            let report = try await App.withStore(db, creating: false) { store in
                try await OrgSelection.campaign(campaign, org: org, in: store)
                return try await forecast.run(copying: store, from: start)
            }
            try Console.line(json ? report.json() : report.text())
        }
    }
}
