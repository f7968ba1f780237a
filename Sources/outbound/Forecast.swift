import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation

/// `outbound forecast`: the real engine with the simulator on a virtual clock, against a copy of the data, before a
/// single real call: when the campaign would finish, calls per day, who can never be called and why, and which
/// contacts' numbers do not pin down one time zone.
struct Forecast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict a campaign's run on a copy of the data (nothing in the database changes).")
    @Option(help: "SQLite database file.") var db: String
    @Option(parsing: .unconditional, help: "Campaign id.") var campaign: Int64
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
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-forecast-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let copy = folder.appendingPathComponent("forecast.sqlite").path
            try await App.withStore(db, creating: false) { store in
                _ = try await App.campaign(campaign, in: store)
                try await store.snapshot(to: copy)
            }
            let report = try await App.withStore(copy, creating: false) { store in
                try await store.resetSimulationClock(campaignId: campaign)
                let summary = try await Simulation(
                    store: store, campaignId: campaign, seed: seed, compliance: rules, showsProgress: false
                )
                .run(from: start, until: start.addingTimeInterval(Double(days) * 86_400))
                return ForecastReport(summary: summary, facts: try await store.forecastFacts(campaignId: campaign))
            }
            try Console.line(json ? report.json() : report.text())
        }
    }
}

/// A forecast for people (text) or tools (JSON).
struct ForecastReport: Encodable {
    let finishes: String?
    let status: String
    let simulatedFrom: String
    let calls: Int
    let reached: Int
    let contacts: Int
    let stillOpen: Int
    let callsPerDay: [String: Int]
    let neverCallable: [String: Int]
    /// Leads each compliance rule made wait during the forecast (SPEC §9).
    let heldByRule: [String: Int]
    let ambiguousZones: [String: Int]

    init(summary: RunSummary, facts: ForecastFacts) {
        finishes = summary.status == "completed" ? summary.simulatedUntil : nil
        status = summary.status
        simulatedFrom = summary.simulatedFrom
        calls = summary.calls
        reached = summary.reached
        contacts = summary.contacts
        stillOpen = summary.pending
        callsPerDay = facts.callsPerDay
        neverCallable = facts.neverCallable
        heldByRule = summary.ruleWaits
        ambiguousZones = facts.ambiguousZones
    }

    func json() -> String { App.json(self) }

    func text() -> String {
        var lines = [
            "forecast from \(simulatedFrom)",
            finishes.map { "finishes      \($0)" }
                ?? "finishes      not within the horizon (\(stillOpen) contacts still open)",
            "contacts      \(contacts)",
            "calls         \(calls) (\(reached) reached)",
            "calls per day",
        ]
        lines += callsPerDay.sorted { $0.key < $1.key }.map { "  \($0.key)  \($0.value)" }
        lines.append("never callable")
        lines +=
            neverCallable.isEmpty
            ? ["  none"] : neverCallable.sorted { $0.key < $1.key }.map { "  \($0.key)  \($0.value)" }
        lines.append(
            "held back by compliance rules (leads a cap made wait; pending leads each time quiet hours closed)")
        lines +=
            heldByRule.isEmpty ? ["  none"] : heldByRule.sorted { $0.key < $1.key }.map { "  \($0.key)  \($0.value)" }
        lines.append("time-zone ambiguity (contacts whose number maps to several zones)")
        lines +=
            ambiguousZones.isEmpty
            ? ["  none"] : ambiguousZones.sorted { $0.key < $1.key }.map { "  \($0.key)  \($0.value)" }
        return lines.joined(separator: "\n")
    }
}
