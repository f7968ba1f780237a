import CampaignCore
import CampaignStore
import Foundation
import Logging
import ServiceLifecycle

/// Reaps lapsed leases of every campaign on a schedule: a call whose worker died is reconciled with the provider,
/// or recorded as `interrupted` once it has been unaccounted for longer than the grace, never dialled again as if
/// nothing happened. It holds nothing between passes: a call still live, or unknown within the grace, keeps a short
/// lease of the reaper's and is looked at again when that lapses.
public struct LeaseReaperService: Service {
    let store: any DiallerStore
    let provider: any CallProvider
    let clock: any DialerClock
    let workerId: String
    let interval: TimeInterval
    let unknownGrace: TimeInterval
    let logger: Logger

    /// Creates a reaper that looks every `interval` seconds.
    public init(
        store: any DiallerStore, provider: any CallProvider, clock: any DialerClock, workerId: String,
        interval: TimeInterval = 5, unknownGrace: TimeInterval = 30, logger: Logger = Logger(label: "outbound.reaper")
    ) {
        self.store = store
        self.provider = provider
        self.clock = clock
        self.workerId = workerId
        self.interval = interval
        self.unknownGrace = unknownGrace
        self.logger = logger
    }

    /// Creates a reaper on a scripted callee (the simulator).
    public init(
        store: any DiallerStore, provider script: any CallScript, clock: any DialerClock, workerId: String,
        interval: TimeInterval = 5, unknownGrace: TimeInterval = 30, logger: Logger = Logger(label: "outbound.reaper")
    ) {
        self.init(
            store: store, provider: ScriptedCallProvider(script: script), clock: clock, workerId: workerId,
            interval: interval, unknownGrace: unknownGrace, logger: logger)
    }

    /// Reaps every `interval` until the task is cancelled; a graceful shutdown that cancels its wait is a clean
    /// stop, not a failure of the service group.
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    _ = try await reapOnce()
                    try await clock.sleep(until: clock.now().addingTimeInterval(interval))
                }
            }
        } catch is CancellationError where Task.isShuttingDownGracefully {
            return
        }
    }

    /// One pass: takes over every lapsed lease and records what the provider knows; returns how many it ended.
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
            let result: CallResult
            switch await provider.reconcile(request, now: now) {
            case .ended(let ended):
                result = ended
            case .live:
                continue
            case .unknown:
                // Unknown since the lease lapsed; a lease of the reaper's own that lapses again was unknown before it took
                // it: count from the dial.
                let since = lapsed.leaseOwner == workerId ? lapsed.queuedAt : lapsed.leaseExpires
                guard now >= since.addingTimeInterval(unknownGrace) else { continue }
                result = CallResult(startedAt: nil, answeredAt: nil, endedAt: now, outcome: .interrupted)
            }
            guard case .recorded = try await store.recordEnded(callId: lapsed.callId, result: result, now: now) else {
                continue
            }
            logger.info(
                "reaped a lapsed lease", metadata: ["call": "\(lapsed.callId)", "outcome": "\(result.outcome)"])
            reaped += 1
        }
        return reaped
    }
}
