import ArgumentParser
import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// `outbound simulate`: the real engine on the simulator provider and a virtual clock. Resumable: killed at any
/// moment and run again with the same arguments, it continues from the saved virtual time. One process at a time
/// simulates a campaign (a lease on the simulation); a second is refused while the first lives.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a campaign on the simulator and a virtual clock from --from until --until or completion.")
    @Option(help: "SQLite database file.") var db: String
    @Option(parsing: .unconditional, help: "Campaign id.") var campaign: Int64
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
                _ = try await App.campaign(campaign, in: store)
                let lease: SimulationLease
                do {
                    lease = try await SimulationLease.acquire(
                        store: store, campaignId: campaign, holder: .current(), now: Date())
                } catch let error as SimulationLeaseError {
                    throw CommandFailure(error.description)
                }
                let simulation = Simulation(store: store, campaignId: campaign, seed: seed, compliance: rules)
                return try await lease.holding { try await simulation.run(from: start, until: end) }
            }
            try Console.line(json ? summary.json() : summary.table())
        }
    }
}

/// One simulated run of a campaign, shared by `simulate` and `demo`.
struct Simulation {
    let store: SQLCampaignStore
    let campaignId: Int64
    let seed: UInt64
    let compliance: ComplianceRules
    var showsProgress = true

    func run(from: Date, until: Date) async throws -> RunSummary {
        let wallStart = Date()
        var campaign = try await App.campaign(campaignId, in: store)
        let resumeAt = max(from, try await store.simulationClock(campaignId: campaignId) ?? from)
        let runStart = min(resumeAt, until)
        let clock = PersistedSimulationClock(VirtualClock(start: runStart), campaignId: campaignId, store: store)
        if campaign.status == .draft {
            campaign = try await store.apply(.start, campaignId: campaignId, now: clock.now())
        }
        let stop = StopBox()
        let waits = RuleWaitsBox()
        if resumeAt < until {
            try await App.assignRuleKeys(in: store)
            try await clock.save()
            let bar = ProgressBar(enabled: showsProgress)
            let runner = App.simulationRunner(
                store: store, campaign: campaign, seed: seed, clock: clock, compliance: compliance
            ) { @Sendable progress in
                waits.set(progress.ruleWaits)
                if bar.enabled { bar.update(progress) }
            }
            var logger = Logger(label: "outbound.services")
            logger.logLevel = .error
            let group = ServiceGroup(
                configuration: .init(
                    services: [
                        .init(
                            service: DispatchService(runner: runner, deadline: until) { stop.set($0) },
                            successTerminationBehavior: .gracefullyShutdownGroup)
                    ],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            bar.finish()
        }
        let final = try await App.campaign(campaignId, in: store)
        return RunSummary(
            campaign: final, stop: stop.value ?? .deadline, from: runStart, until: clock.now(),
            counts: try await store.leadCounts(campaignId: campaignId),
            calls: try await store.callSummary(campaignId: campaignId), ruleWaits: waits.value,
            wallSeconds: Date().timeIntervalSince(wallStart))
    }
}

/// Carries the leads each compliance rule held back out of the runner's progress reports.
final class RuleWaitsBox: Sendable {
    private let stored = Mutex<[String: Int]>([:])
    func set(_ waits: [String: Int]) { stored.withLock { $0 = waits } }
    var value: [String: Int] { stored.withLock { $0 } }
}

/// Carries the runner's stop reason out of the service group.
final class StopBox: Sendable {
    private let stored = Mutex<RunnerStop?>(nil)
    func set(_ stop: RunnerStop) { stored.withLock { $0 = stop } }
    var value: RunnerStop? { stored.withLock { $0 } }
}
