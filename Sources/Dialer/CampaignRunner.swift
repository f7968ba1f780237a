import CampaignCore
import CampaignStore
import Foundation
import Logging

/// Runs one campaign, the async shell around a ``DiallerMachine``: takes the provider's events, reaps lapsed leases,
/// carries out the machine's actions (record, hang up, renew), leases due attempts up to the free slots, starts them
/// with the provider, and sleeps on the injected clock until the next thing can happen. It keeps nothing the
/// database cannot rebuild: killed at any instant, a new runner continues correctly.
public struct CampaignRunner: Sendable {
    let store: any DiallerStore
    let campaignId: Int64
    let provider: any CallProvider
    let clock: any DialerClock
    let workerId: String
    let logger: Logger
    /// On a real clock, look again at least this often (new contacts, operator actions).
    let pollInterval: TimeInterval
    let onProgress: (@Sendable (RunnerProgress) -> Void)?
    /// Report progress every this many ticks (lead counts cost a query over the campaign's leads).
    let progressEveryTicks: Int
    /// The quiet hours and frequency caps no campaign window overrides (SPEC §9).
    let compliance: ComplianceRules
    /// What the organisation is exempted from (never the caps).
    let exemptions: ComplianceExemptions
    /// The call path's limits and lease rhythm.
    let configuration: DiallerConfiguration
    /// Where calls placed, ended and held are counted (nowhere by default).
    private(set) var metrics = DiallerMetrics.disabled

    /// Creates a runner. `workerId` names the lease owner; a stable id lets a restarted runner adopt its own calls.
    /// Leases last the provider's longest call plus two minutes unless `leaseDuration` says otherwise; a live call's
    /// lease is renewed before it lapses.
    public init(
        store: any DiallerStore, campaignId: Int64, provider: any CallProvider, clock: any DialerClock,
        workerId: String, compliance: ComplianceRules, exemptions: ComplianceExemptions = .none,
        logger: Logger = Logger(label: "outbound.dialer"), pollInterval: TimeInterval = 1,
        progressEveryTicks: Int = 1, leaseDuration: TimeInterval? = nil,
        onProgress: (@Sendable (RunnerProgress) -> Void)? = nil
    ) {
        self.compliance = compliance
        self.exemptions = exemptions
        self.store = store
        self.campaignId = campaignId
        self.provider = provider
        self.clock = clock
        self.workerId = workerId
        self.logger = logger
        self.pollInterval = pollInterval
        self.onProgress = onProgress
        self.progressEveryTicks = max(1, progressEveryTicks)
        self.configuration = DiallerConfiguration(limits: provider.limits, leaseDuration: leaseDuration)
    }

    /// Creates a runner on a scripted callee (the simulator), wrapped in a ``ScriptedCallProvider``.
    public init(
        store: any DiallerStore, campaignId: Int64, provider script: any CallScript, clock: any DialerClock,
        workerId: String, compliance: ComplianceRules, exemptions: ComplianceExemptions = .none,
        logger: Logger = Logger(label: "outbound.dialer"), pollInterval: TimeInterval = 1,
        progressEveryTicks: Int = 1, leaseDuration: TimeInterval? = nil,
        onProgress: (@Sendable (RunnerProgress) -> Void)? = nil
    ) {
        self.init(
            store: store, campaignId: campaignId, provider: ScriptedCallProvider(script: script), clock: clock,
            workerId: workerId, compliance: compliance, exemptions: exemptions, logger: logger,
            pollInterval: pollInterval, progressEveryTicks: progressEveryTicks, leaseDuration: leaseDuration,
            onProgress: onProgress)
    }

    var leaseDuration: TimeInterval { configuration.leaseDuration }

    /// This runner, counting the calls it places, ends and holds in `metrics`.
    public func reporting(to metrics: DiallerMetrics) -> CampaignRunner {
        var runner = self
        runner.metrics = metrics
        return runner
    }

    /// Runs until the campaign completes, is cancelled or paused with nothing live, or `deadline` comes.
    public func run(until deadline: Date? = nil) async throws -> RunnerStop {
        var state = RunnerState(machine: DiallerMachine(configuration: configuration))
        // What the engine does on its own (a scheduled start reached, a campaign completing) is the system's doing in
        // the audit log, whoever started the process.
        let stop: RunnerStop
        do {
            stop = try await AuditContext.$actor.withValue(.system) {
                try await loop(until: deadline, state: &state)
            }
        } catch {
            metrics.release(&state.held)
            throw error
        }
        metrics.release(&state.held)
        if let onProgress {
            onProgress(
                RunnerProgress(
                    now: clock.now(), live: state.machine.liveCount,
                    counts: try await store.leadCounts(campaignId: campaignId), placed: state.placed,
                    ruleWaits: state.ruleWaits))
        }
        return stop
    }

    private func loop(until deadline: Date?, state: inout RunnerState) async throws -> RunnerStop {
        try await adoptOwnCalls(now: clock.now(), state: &state)
        while true {
            try Task.checkCancellation()
            let now = clock.now()
            state.pending += state.machine.received(await provider.events(campaignId: campaignId, upTo: now))
            // Only another worker's calls can lapse under this one; with none live there is nothing to look for.
            if state.othersLive { try await reapLapsedLeases(now: now, state: &state) }
            state.pending += state.machine.tick(now: now)
            try await perform(now: now, state: &state)
            guard let campaign = try await store.campaign(id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            var step = TickPlan()
            switch state.machine.step(status: campaign.status, startAt: campaign.settings.startAt, now: now) {
            case .stop(let stop):
                return stop
            case .hold(let until):
                if let until { step.wake(at: until) }
                if campaign.status == .paused || campaign.status == .cancelled {
                    state.pending += state.machine.campaignStopped()
                    try await perform(now: now, state: &state)
                }
            case .reachSchedule:
                _ = try await store.apply(.scheduleReached, campaignId: campaignId, now: now)
                continue
            case .dispatch:
                if let stop = try await dispatch(campaign: campaign, now: now, state: &state, step: &step) {
                    return stop
                }
            }
            if let event = await provider.nextEventTime(campaignId: campaignId) { step.wake(at: max(event, now)) }
            if let timer = state.machine.nextTimer() { step.wake(at: max(timer, now)) }
            state.ticks += 1
            metrics.hold(state.machine, reported: &state.held)
            if let onProgress, state.ticks % progressEveryTicks == 0 {
                onProgress(
                    RunnerProgress(
                        now: now, live: state.machine.liveCount,
                        counts: try await store.leadCounts(campaignId: campaignId),
                        placed: state.placed, ruleWaits: state.ruleWaits))
            }
            if step.again { continue }
            if state.othersLive,
                let foreign = try await store.earliestForeignLeaseExpiry(campaignId: campaignId, owner: workerId)
            {
                step.wake(at: foreign.addingTimeInterval(0.001))
            }
            if !clock.isVirtual { step.wake(at: now.addingTimeInterval(pollInterval)) }
            guard let next = step.next else { return .idle }
            if let onProgress, state.machine.liveCount == 0, next.timeIntervalSince(now) > 60 {
                onProgress(
                    RunnerProgress(
                        now: now, live: 0, counts: try await store.leadCounts(campaignId: campaignId),
                        placed: state.placed, waitingUntil: next, ruleWaits: state.ruleWaits))
            }
            if let deadline, next > deadline {
                try await clock.sleep(until: deadline)
                return .deadline
            }
            try await clock.sleep(until: next)
        }
    }

    /// Leases and places what is due; returns a stop reason when the campaign completed.
    private func dispatch(
        campaign: Campaign, now: Date, state: inout RunnerState, step: inout TickPlan
    ) async throws
        -> RunnerStop?
    {
        let settings = campaign.settings
        if state.exemptions == nil || state.ticks % 50 == 0 {
            let stored = try await store.complianceExemptions(orgId: campaign.orgId)
            let merged = ComplianceExemptions(hours: exemptions.hours || stored.hours)
            if merged != state.exemptions {
                state.exemptions = merged
                state.schedule = nil
            }
        }
        if state.schedule?.window != settings.window {
            state.schedule = DialSchedule(
                window: settings.window, rules: compliance, exemptions: state.exemptions ?? exemptions)
        }
        if settings.retry.numberStrategy == .sweep {
            _ = try await store.advanceSweep(campaignId: campaignId, now: now)
        }
        if state.earliestWaiting.map({ $0 <= now }) ?? true {
            _ = try await store.promoteDueLeads(campaignId: campaignId, now: now)
            state.earliestWaiting = nil
        }
        if state.zoneKeys == nil || state.ticks % 50 == 0 {
            state.zoneKeys = try await store.zoneKeys(campaignId: campaignId)
        }
        let keys = state.zoneKeys ?? []
        try await retireUncallableKeys(keys, now: now, state: &state)
        var cutoff: Date?
        if settings.mode == .singleDay {
            cutoff = try await singleDayCutoff(keys: keys, state: &state)
            if let cutoff, now >= cutoff {
                if state.machine.liveCount == 0 {
                    _ = try await store.apply(.complete, campaignId: campaignId, now: now)
                    return .completed
                }
                return nil
            }
            if let cutoff { step.wake(at: cutoff) }
        }
        let open = state.schedule?.openKeys(keys, at: now) ?? []
        try await countRuleHolds(keys: keys, open: open, now: now, state: &state)
        let liveAnywhere = try await store.liveCallCount(campaignId: campaignId)
        state.othersLive = state.machine.othersHoldCalls(liveAnywhere: liveAnywhere)
        let free = state.machine.leaseLimit(
            outboundSlots: settings.outboundSlots, liveAnywhere: liveAnywhere, anyKeyOpen: !open.isEmpty)
        if free > 0 {
            var wanted = LeaseRequest(
                campaign: campaign, owner: workerId, now: now, limit: free, openZoneKeys: open,
                leaseDuration: leaseDuration)
            for key in open {
                if let caps = state.schedule?.rules(for: key).caps, !caps.isEmpty { wanted.caps[key] = caps }
            }
            let batch = try await store.lease(wanted)
            for (rule, count) in batch.capWaits { state.ruleWaits[rule, default: 0] += count }
            try await place(batch.attempts, now: now, state: &state)
            if let capacity = batch.capacityReturnsAt { step.wake(at: capacity) }
            if batch.settledOptOuts > 0 || batch.capWaits.values.contains(where: { $0 > 0 })
                || (batch.attempts.count == free && batch.capacityReturnsAt == nil)
            {
                step.again = true
            }
        }
        if state.machine.liveCount == 0, try await !store.hasOpenLeads(campaignId: campaignId),
            try await store.liveCallCount(campaignId: campaignId) == 0
        {
            if settings.mode == .alwaysOn { return .idle }
            _ = try await store.apply(.complete, campaignId: campaignId, now: now)
            return .completed
        }
        if step.again {
            // Back at once without looking at the waiting leads: promote again next time, as another worker may
            // have made one due meanwhile.
            state.earliestWaiting = nil
            return nil
        }
        let waiting = try await store.earliestWaiting(campaignId: campaignId)
        state.earliestWaiting = waiting ?? .distantFuture
        if let waiting { step.wake(at: max(waiting, now)) }
        // Wake when a closed key opens again (window and rules). Whether the key still has pending leads is not
        // asked: a wake with nothing to dial is one cheap tick, and the question has no index to answer it.
        for key in Set(keys).subtracting(open).sorted() {
            guard let opens = state.schedule?.rules(for: key).nextOpen(atOrAfter: now), opens > now else { continue }
            step.wake(at: opens)
        }
        return nil
    }
}
