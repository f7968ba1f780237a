import CampaignCore
import CampaignStore
import Foundation

/// The runner's side of the call path: starting leased calls, adopting calls it did not see end, and carrying out
/// the machine's actions against the store and the provider.
extension CampaignRunner {
    /// Adopts the live calls this worker id holds (a restart): the provider says what became of each.
    func adoptOwnCalls(now: Date, state: inout RunnerState) async throws {
        for attempt in try await store.liveAttempts(campaignId: campaignId, owner: workerId) {
            let status = await provider.reconcile(request(for: attempt), now: now)
            state.pending += state.machine.adopted(attempt, status: status, unknownSince: now, now: now)
        }
    }

    /// Takes over other workers' lapsed leases and adopts their calls; a call the provider cannot account for is
    /// unknown since its lease lapsed.
    func reapLapsedLeases(now: Date, state: inout RunnerState) async throws {
        for lapsed in try await store.expiredLeases(now: now, campaignId: campaignId)
        where lapsed.leaseOwner != workerId {
            let until = now.addingTimeInterval(leaseDuration)
            guard
                try await store.takeOver(
                    callId: lapsed.callId, from: lapsed.leaseOwner, to: workerId, now: now, until: until)
            else { continue }
            var adopted = lapsed
            adopted.leaseOwner = workerId
            adopted.leaseExpires = until
            logger.info(
                "took over a lapsed lease", metadata: ["call": "\(lapsed.callId)", "from": "\(lapsed.leaseOwner)"])
            let status = await provider.reconcile(request(for: adopted), now: now)
            state.pending += state.machine.adopted(
                adopted, status: status, unknownSince: lapsed.leaseExpires, now: now)
        }
    }

    /// Starts the leased calls with the provider, then writes what that produced (progress of calls whose course is
    /// not known, the end of calls the provider refused).
    func place(_ attempts: [LeasedAttempt], now: Date, state: inout RunnerState) async throws {
        for action in state.machine.leased(attempts) {
            guard case .place(let attempt) = action else { continue }
            do {
                let started = try await provider.start(request(for: attempt))
                state.pending += state.machine.started(callId: attempt.callId, started, now: now)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.warning(
                    "the provider refused a call", metadata: ["call": "\(attempt.callId)", "reason": "\(error)"])
                state.pending += state.machine.startFailed(callId: attempt.callId, now: now)
            }
            state.placed += 1
            metrics.callPlaced()
        }
        if !state.pending.isEmpty { try await perform(now: now, state: &state) }
    }

    /// Carries out the pending actions: hang-ups first, then one batch of ended calls, one of progress, renewals.
    func perform(now: Date, state: inout RunnerState) async throws {
        guard !state.pending.isEmpty else { return }
        let actions = state.pending
        state.pending = []
        var ended: [EndedCall] = []
        var progress: [CallProgress] = []
        for action in actions {
            switch action {
            case .place:
                continue
            case .hangUp(let attempt, let reason):
                logger.info("hanging up", metadata: ["call": "\(attempt.callId)", "reason": "\(reason.rawValue)"])
                if reason == .campaignStopped {
                    await provider.cancelUnanswered(request(for: attempt), at: now)
                } else {
                    await provider.hangUp(request(for: attempt), at: now)
                }
            case .record(let call):
                ended.append(call)
            case .recordProgress(let update):
                progress.append(update)
            case .renew(let callIds, let until):
                let renewed = try await store.renewLeases(callIds: callIds, owner: workerId, until: until, now: now)
                state.machine.renewed(renewed, requested: callIds, until: until)
                for callId in callIds where !renewed.contains(callId) {
                    logger.warning("lease lost; the call is left to its new holder", metadata: ["call": "\(callId)"])
                }
            }
        }
        if !progress.isEmpty { _ = try await store.recordProgress(progress, now: now) }
        guard !ended.isEmpty else { return }
        state.earliestWaiting = nil
        let outcomes = try await store.recordEnded(ended, now: now)
        state.machine.recorded(outcomes)
        metrics.recorded(ended, outcomes: outcomes)
        for call in ended where outcomes[call.callId] == .alreadyEnded {
            logger.debug("already ended elsewhere", metadata: ["call": "\(call.callId)"])
        }
    }

    func request(for attempt: LeasedAttempt) -> DialRequest {
        DialRequest(
            callId: attempt.callId, campaignId: attempt.campaignId, to: attempt.to, from: attempt.from,
            queuedAt: attempt.queuedAt)
    }
}
