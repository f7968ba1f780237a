import CampaignCore
import CampaignStore
import Foundation

extension DiallerMachine {
    /// The clock reached `now`: hangs up calls past their ring timeout or maximum duration, records the end of a
    /// hung-up call that never reported one, marks `interrupted` a call the provider could not account for within
    /// the grace, and renews leases that would lapse within ``DiallerConfiguration/renewBefore``.
    public mutating func tick(now: Date) -> [DiallerAction] {
        guard let due = nextTimer(), now >= due else { return [] }
        let limits = configuration.limits
        var actions: [DiallerAction] = []
        var renewals: [Int64] = []
        for callId in dueCalls(at: now) {
            guard var call = calls[callId] else { continue }
            if let since = call.unknownSince {
                if now >= since.addingTimeInterval(configuration.unknownGrace) {
                    release(callId)
                    markEnded(callId)
                    let result = CallResult(startedAt: nil, answeredAt: nil, endedAt: now, outcome: .interrupted)
                    actions.append(.record(EndedCall(callId: callId, result: result)))
                    continue
                }
            } else if let hangUp = call.hangUp {
                if now >= hangUp.at.addingTimeInterval(configuration.hangUpGrace) {
                    release(callId)
                    markEnded(callId)
                    let result = call.forcedEnd(at: hangUp.at, reason: hangUp.reason)
                    actions.append(
                        .record(EndedCall(callId: callId, result: result, providerCallId: call.providerCallId)))
                    continue
                }
            } else if let deadline = call.ringDeadline(limits), now >= deadline {
                call.hangUp = PendingHangUp(at: now, reason: .ringTimeout)
                actions.append(.hangUp(call.attempt, reason: .ringTimeout))
            } else if let deadline = call.durationDeadline(limits), now >= deadline {
                call.hangUp = PendingHangUp(at: now, reason: .maximumDuration)
                actions.append(.hangUp(call.attempt, reason: .maximumDuration))
            }
            if now >= call.attempt.leaseExpires.addingTimeInterval(-configuration.renewBefore) {
                renewals.append(callId)
            }
            hold(call)
        }
        if !renewals.isEmpty {
            let until = now.addingTimeInterval(configuration.leaseDuration)
            actions.append(.renew(callIds: renewals, until: until))
        }
        return actions
    }
}

extension TrackedCall {
    /// The earliest of this call's timers: its lease renewal, and the grace it is in or the limits that apply.
    func nextTimer(_ configuration: DiallerConfiguration) -> Date {
        var earliest = attempt.leaseExpires.addingTimeInterval(-configuration.renewBefore)
        if let unknownSince {
            earliest = min(earliest, unknownSince.addingTimeInterval(configuration.unknownGrace))
        } else if let hangUp {
            earliest = min(earliest, hangUp.at.addingTimeInterval(configuration.hangUpGrace))
        } else {
            if let ring = ringDeadline(configuration.limits) { earliest = min(earliest, ring) }
            if let end = durationDeadline(configuration.limits) { earliest = min(earliest, end) }
        }
        return earliest
    }
}
