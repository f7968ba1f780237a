import CampaignStore
import Foundation
import Logging
import ServiceLifecycle

/// A campaign runner as a long-running service: it stops on graceful shutdown (live calls are left leased and
/// a later runner adopts or reaps them) or when the campaign stops.
public struct DispatchService: Service {
    let runner: CampaignRunner
    let deadline: Date?
    let finished: @Sendable (RunnerStop) -> Void

    /// Wraps a runner; `finished` hears why it stopped.
    public init(runner: CampaignRunner, deadline: Date?, finished: @escaping @Sendable (RunnerStop) -> Void) {
        self.runner = runner
        self.deadline = deadline
        self.finished = finished
    }

    public func run() async throws {
        let stop = try await cancelWhenGracefulShutdown { [runner, deadline] in
            try await runner.run(until: deadline)
        }
        finished(stop)
    }
}

/// Reaps lapsed leases of every campaign on a schedule: a call whose worker died is reconciled with the provider,
/// or recorded as `interrupted`, never dialled again as if nothing happened.
public struct LeaseReaperService: Service {
    let store: any DiallerStore
    let provider: any CallProvider
    let clock: any DialerClock
    let workerId: String
    let interval: TimeInterval
    let logger: Logger

    /// Creates a reaper that looks every `interval` seconds.
    public init(
        store: any DiallerStore, provider: any CallProvider, clock: any DialerClock, workerId: String,
        interval: TimeInterval = 5, logger: Logger = Logger(label: "outbound.reaper")
    ) {
        self.store = store
        self.provider = provider
        self.clock = clock
        self.workerId = workerId
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = try await reapOnce()
                try await clock.sleep(until: clock.now().addingTimeInterval(interval))
            }
        }
    }

    /// One pass: takes over every lapsed lease and records what the provider knows; returns how many it reaped.
    public func reapOnce() async throws -> Int {
        let now = clock.now()
        var reaped = 0
        for lapsed in try await store.expiredLeases(now: now, campaignId: nil) {
            guard
                try await store.takeOver(
                    callId: lapsed.callId, from: lapsed.leaseOwner, to: workerId, now: now,
                    until: now.addingTimeInterval(60))
            else { continue }
            let request = DialRequest(
                callId: lapsed.callId, campaignId: lapsed.campaignId, to: lapsed.to,
                from: lapsed.from, queuedAt: lapsed.queuedAt)
            let result =
                await provider.reconcile(request)
                ?? .init(startedAt: nil, answeredAt: nil, endedAt: now, outcome: .interrupted)
            guard result.endedAt <= now else { continue }
            _ = try await store.recordEnded(callId: lapsed.callId, owner: workerId, result: result, now: now)
            logger.info(
                "reaped a lapsed lease", metadata: ["call": "\(lapsed.callId)", "outcome": "\(result.outcome)"])
            reaped += 1
        }
        return reaped
    }
}
