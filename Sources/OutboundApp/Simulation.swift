import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Logging
import ServiceLifecycle

/// One simulated run of a campaign: the real engine on the simulator provider and a virtual clock saved in the
/// store, so a run killed at any moment continues from the saved virtual time when run again. Shared by
/// `simulate`, `demo` and the forecast; it writes nothing to the console (progress goes to ``onProgress``).
public struct Simulation: Sendable {
    /// The store the campaign lives in.
    public let store: SQLCampaignStore
    /// The campaign to run.
    public let campaignId: Int64
    /// The seed of the callee model.
    public let seed: UInt64
    /// The quiet hours and frequency caps the run applies.
    public let compliance: ComplianceRules
    /// Called with each progress report of the runner while it dials.
    public var onProgress: (@Sendable (RunnerProgress) -> Void)?
    /// Called once the runner has stopped, before the summary is read (a progress display ends its line here).
    public var onRunEnd: (@Sendable () -> Void)?

    /// A run of `campaignId` in `store` with the callee model seeded by `seed`, under `compliance`.
    public init(
        store: SQLCampaignStore, campaignId: Int64, seed: UInt64, compliance: ComplianceRules,
        onProgress: (@Sendable (RunnerProgress) -> Void)? = nil, onRunEnd: (@Sendable () -> Void)? = nil
    ) {
        self.store = store
        self.campaignId = campaignId
        self.seed = seed
        self.compliance = compliance
        self.onProgress = onProgress
        self.onRunEnd = onRunEnd
    }

    /// Runs the campaign from `from` (or the saved virtual time, when later) until `until` or its completion, a
    /// draft being started first, and summarises what this run did.
    public func run(from: Date, until: Date) async throws -> RunSummary {
        let wallStart = Date()
        var campaign = try await CampaignLookup.campaign(campaignId, in: store)
        let resumeAt = max(from, try await store.simulationClock(campaignId: campaignId) ?? from)
        let runStart = min(resumeAt, until)
        let clock = PersistedSimulationClock(VirtualClock(start: runStart), campaignId: campaignId, store: store)
        if campaign.status == .draft {
            campaign = try await store.apply(.start, campaignId: campaignId, now: clock.now())
        }
        let stop = StopBox()
        let waits = RuleWaitsBox()
        if resumeAt < until {
            try await RuleKeyBackfill.run(in: store)
            try await clock.save()
            let onProgress = self.onProgress
            let runner = SimulationRunner.make(
                store: store, campaign: campaign, seed: seed, clock: clock, compliance: compliance
            ) { @Sendable progress in
                waits.set(progress.ruleWaits)
                onProgress?(progress)
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
            onRunEnd?()
        }
        let final = try await CampaignLookup.campaign(campaignId, in: store)
        return RunSummary(
            campaign: final, stop: stop.value ?? .deadline, from: runStart, until: clock.now(),
            counts: try await store.leadCounts(campaignId: campaignId),
            calls: try await store.callSummary(campaignId: campaignId), ruleWaits: waits.value,
            wallSeconds: Date().timeIntervalSince(wallStart))
    }
}
