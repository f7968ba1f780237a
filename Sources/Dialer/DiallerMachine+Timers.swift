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
        for callId in calls.keys.sorted() {
            guard var call = calls[callId] else { continue }
            if let since = call.unknownSince {
                if now >= since.addingTimeInterval(configuration.unknownGrace) {
                    calls[callId] = nil
                    markEnded(callId)
                    let result = CallResult(startedAt: nil, answeredAt: nil, endedAt: now, outcome: .interrupted)
                    actions.append(.record(EndedCall(callId: callId, result: result)))
                    continue
                }
            } else if let hangUp = call.hangUp {
                if now >= hangUp.at.addingTimeInterval(configuration.hangUpGrace) {
                    calls[callId] = nil
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
            calls[callId] = call
        }
        if !renewals.isEmpty {
            let until = now.addingTimeInterval(configuration.leaseDuration)
            actions.append(.renew(callIds: renewals, until: until))
        }
        return actions
    }

    /// The earliest instant a timer of a held call fires (ring timeout, maximum duration, a hang-up's grace, an
    /// unknown call's grace, a lease renewal); nil when no call is held.
    public func nextTimer() -> Date? {
        let limits = configuration.limits
        var earliest: Date?
        func consider(_ instant: Date?) {
            guard let instant else { return }
            earliest = min(earliest ?? instant, instant)
        }
        for call in calls.values {
            consider(call.attempt.leaseExpires.addingTimeInterval(-configuration.renewBefore))
            if let since = call.unknownSince {
                consider(since.addingTimeInterval(configuration.unknownGrace))
            } else if let hangUp = call.hangUp {
                consider(hangUp.at.addingTimeInterval(configuration.hangUpGrace))
            } else {
                consider(call.ringDeadline(limits))
                consider(call.durationDeadline(limits))
            }
        }
        return earliest
    }
}
