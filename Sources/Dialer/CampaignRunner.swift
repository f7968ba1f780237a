import CampaignCore
import CampaignStore
import Foundation
import Logging

/// Runs one campaign: reaps lapsed leases, records ended calls, leases due attempts up to the free slots, hands
/// them to the provider, and sleeps on the injected clock until the next thing can happen. It keeps nothing the
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

    /// Creates a runner. `workerId` names the lease owner; a stable id lets a restarted runner adopt its own calls.
    public init(
        store: any DiallerStore, campaignId: Int64, provider: any CallProvider, clock: any DialerClock,
        workerId: String, compliance: ComplianceRules, exemptions: ComplianceExemptions = .none,
        logger: Logger = Logger(label: "outbound.dialer"), pollInterval: TimeInterval = 1,
        progressEveryTicks: Int = 1, onProgress: (@Sendable (RunnerProgress) -> Void)? = nil
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
    }

    var leaseDuration: TimeInterval { provider.maximumCallDuration + 120 }

    /// Runs until the campaign completes, is cancelled or paused with nothing live, or `deadline` comes.
    public func run(until deadline: Date? = nil) async throws -> RunnerStop {
        var state = RunnerState()
        let stop = try await loop(until: deadline, state: &state)
        if let onProgress {
            onProgress(
                RunnerProgress(
                    now: clock.now(), live: state.live.count,
                    counts: try await store.leadCounts(campaignId: campaignId), placed: state.placed,
                    ruleWaits: state.ruleWaits))
        }
        return stop
    }

    private func loop(until deadline: Date?, state: inout RunnerState) async throws -> RunnerStop {
        for attempt in try await store.liveAttempts(campaignId: campaignId, owner: workerId) {
            state.live.append(LiveCall(attempt: attempt, result: await reconciled(attempt, now: clock.now())))
        }
        while true {
            try Task.checkCancellation()
            let now = clock.now()
            // Only another worker's calls can lapse under this one; with none live there is nothing to look for.
            if state.othersLive { try await reapLapsedLeases(now: now, state: &state) }
            try await recordEndedCalls(now: now, state: &state)
            guard let campaign = try await store.campaign(id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            var step = TickPlan()
            if let soonest = state.live.map(\.result.endedAt).min() { step.wake(at: soonest) }
            switch campaign.status {
            case .draft, .paused:
                if state.live.isEmpty { return .paused }
            case .cancelled:
                if state.live.isEmpty { return .cancelled }
            case .completed:
                if state.live.isEmpty { return .completed }
            case .scheduled:
                if let startAt = campaign.settings.startAt, startAt > now {
                    step.wake(at: startAt)
                } else {
                    _ = try await store.apply(.scheduleReached, campaignId: campaignId, now: now)
                    continue
                }
            case .running:
                if let stop = try await dispatch(campaign: campaign, now: now, state: &state, step: &step) {
                    return stop
                }
            }
            state.ticks += 1
            if let onProgress, state.ticks % progressEveryTicks == 0 {
                onProgress(
                    RunnerProgress(
                        now: now, live: state.live.count, counts: try await store.leadCounts(campaignId: campaignId),
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
            if let onProgress, state.live.isEmpty, next.timeIntervalSince(now) > 60 {
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
        if state.schedule?.window != settings.window {
            state.schedule = DialSchedule(window: settings.window, rules: compliance, exemptions: exemptions)
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
                if state.live.isEmpty {
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
        state.othersLive = liveAnywhere > state.live.count
        let free = settings.outboundSlots - liveAnywhere
        if free > 0 && !open.isEmpty {
            var wanted = LeaseRequest(
                campaign: campaign, owner: workerId, now: now, limit: free, openZoneKeys: open,
                leaseDuration: leaseDuration)
            for key in open {
                if let caps = state.schedule?.rules(for: key).caps, !caps.isEmpty { wanted.caps[key] = caps }
            }
            let batch = try await store.lease(wanted)
            for (rule, count) in batch.capWaits { state.ruleWaits[rule, default: 0] += count }
            for attempt in batch.attempts {
                let result = try await provider.place(request(for: attempt))
                state.live.append(LiveCall(attempt: attempt, result: result))
                state.placed += 1
                step.wake(at: max(result.endedAt, now))
            }
            if let capacity = batch.capacityReturnsAt { step.wake(at: capacity) }
            if batch.settledOptOuts > 0 || batch.capWaits.values.contains(where: { $0 > 0 })
                || (batch.attempts.count == free && batch.capacityReturnsAt == nil)
            {
                step.again = true
            }
        }
        if state.live.isEmpty, try await !store.hasOpenLeads(campaignId: campaignId),
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

    private func reapLapsedLeases(now: Date, state: inout RunnerState) async throws {
        for lapsed in try await store.expiredLeases(now: now, campaignId: campaignId)
        where lapsed.leaseOwner != workerId {
            let until = now.addingTimeInterval(leaseDuration)
            guard
                try await store.takeOver(
                    callId: lapsed.callId, from: lapsed.leaseOwner, to: workerId, now: now,
                    until: until)
            else { continue }
            var adopted = lapsed
            adopted.leaseOwner = workerId
            adopted.leaseExpires = until
            logger.info(
                "took over a lapsed lease", metadata: ["call": "\(lapsed.callId)", "from": "\(lapsed.leaseOwner)"])
            state.live.append(LiveCall(attempt: adopted, result: await reconciled(adopted, now: now)))
        }
    }

    private func recordEndedCalls(now: Date, state: inout RunnerState) async throws {
        let ended = state.live.filter { $0.result.endedAt <= now }
        guard !ended.isEmpty else { return }
        state.earliestWaiting = nil
        state.live.removeAll { $0.result.endedAt <= now }
        let outcomes = try await store.recordEnded(
            ended.map { EndedCall(callId: $0.attempt.callId, result: $0.result) }, owner: workerId, now: now)
        for call in ended where outcomes[call.attempt.callId] == .leaseLost {
            logger.warning("lease lost; result dropped", metadata: ["call": "\(call.attempt.callId)"])
        }
    }

    /// What the provider says about a call this runner did not see end; `interrupted` when it cannot tell.
    private func reconciled(_ attempt: LeasedAttempt, now: Date) async -> CallResult {
        await provider.reconcile(request(for: attempt))
            ?? CallResult(startedAt: nil, answeredAt: nil, endedAt: now, outcome: .interrupted)
    }

    private func request(for attempt: LeasedAttempt) -> DialRequest {
        DialRequest(
            callId: attempt.callId, campaignId: attempt.campaignId, to: attempt.to, from: attempt.from,
            queuedAt: attempt.queuedAt)
    }
}

/// A call this runner holds until its clock reaches the call's end.
struct LiveCall {
    var attempt: LeasedAttempt
    var result: CallResult
}

/// The runner's memory between ticks; all of it can be rebuilt from the database.
struct RunnerState {
    var live: [LiveCall] = []
    var placed = 0
    var ticks = 0
    /// Whether another worker held live calls of the campaign at the last look (their leases may lapse).
    var othersLive = true
    /// The earliest retry time of a waiting lead at the last look (`distantFuture` when none, nil when unknown), so
    /// the runner promotes due leads only when one can be due.
    var earliestWaiting: Date?
    var zoneKeys: [String]?
    var schedule: DialSchedule?
    /// Leads held back by each rule (cap waits, and pending leads of a key each time a rule's hours close on it).
    var ruleWaits: [String: Int] = [:]
    /// Keys a rule's hours hold back at the last look.
    var heldKeys: Set<String> = []
    var checkedKeys: Set<String> = []
    var cutoff: Date?
}

/// What one tick decided about the next: look again at once, or sleep until the earliest wake-up.
struct TickPlan {
    var again = false
    private(set) var next: Date?

    mutating func wake(at instant: Date) { next = min(next ?? instant, instant) }
}
