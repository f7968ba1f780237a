import CampaignCore
import Foundation

/// What a tick does with the campaign, decided from its status alone.
public enum CampaignStep: Sendable, Equatable {
    /// Dial: lease into the free slots.
    case dispatch
    /// Move a scheduled campaign whose start came to running, and look again at once.
    case reachSchedule
    /// Dispatch nothing; look again at this instant (a scheduled start) or when something else happens.
    case hold(until: Date?)
    /// Return: nothing is live and the campaign will not dial.
    case stop(RunnerStop)
}

extension DiallerMachine {
    /// The tick's step for a campaign in `status`: a paused, draft, cancelled or completed campaign dispatches
    /// nothing and stops once this dialler holds no call (its live calls end and are recorded first, SPEC §4).
    public func step(status: CampaignStatus, startAt: Date?, now: Date) -> CampaignStep {
        switch status {
        case .draft, .paused: calls.isEmpty ? .stop(.paused) : .hold(until: nil)
        case .cancelled: calls.isEmpty ? .stop(.cancelled) : .hold(until: nil)
        case .completed: calls.isEmpty ? .stop(.completed) : .hold(until: nil)
        case .scheduled:
            if let startAt, startAt > now { .hold(until: startAt) } else { .reachSchedule }
        case .running: .dispatch
        }
    }

    /// The campaign stopped dialling (paused or cancelled) while calls are live: asks once for each call not yet
    /// answered to be cancelled (``HangUpReason/campaignStopped``). Answered calls go on to their end, and a call the
    /// engine is already hanging up is left to that.
    public mutating func campaignStopped() -> [DiallerAction] {
        var actions: [DiallerAction] = []
        for (_, call) in calls.sorted(by: { $0.key < $1.key })
        where call.state < .answered && call.answeredAt == nil && call.hangUp == nil && !call.cancelRequested
            && call.course == nil
        {
            var cancelled = call
            cancelled.cancelRequested = true
            hold(cancelled)
            actions.append(.hangUp(call.attempt, reason: .campaignStopped))
        }
        return actions
    }

    /// How many attempts to lease: the campaign's free outbound slots (counting every node's live calls), none
    /// while no dial key is open.
    public func leaseLimit(outboundSlots: Int, liveAnywhere: Int, anyKeyOpen: Bool) -> Int {
        anyKeyOpen ? max(0, outboundSlots - liveAnywhere) : 0
    }

    /// Whether another worker holds live calls of the campaign (whose leases may lapse and need reaping).
    public func othersHoldCalls(liveAnywhere: Int) -> Bool { liveAnywhere > calls.count }
}
