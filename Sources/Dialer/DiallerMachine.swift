import CampaignCore
import CampaignStore
import Foundation

/// The dialler's call path as a pure state machine (no store, no provider, no clock): it takes what happened —
/// calls leased, started, adopted, provider events, the clock's ticks, the store's answers — and returns the
/// ``DiallerAction``s its shell (``CampaignRunner``) carries out. It enforces the ring timeout and maximum duration,
/// renews the leases of long calls, and makes sure each call is recorded ended once.
public struct DiallerMachine: Sendable {
    /// Limits and lease rhythm.
    public let configuration: DiallerConfiguration
    /// The live calls this dialler holds, by call id.
    public private(set) var calls: [Int64: TrackedCall] = [:]
    /// Each held call's earliest timer, kept beside the calls so looking for the next one copies no call.
    private var timers: [Int64: Date] = [:]
    private var endedIds = EndedCallIds(capacity: 4096)

    /// Creates a machine holding no call.
    public init(configuration: DiallerConfiguration) { self.configuration = configuration }

    /// How many calls this dialler holds.
    public var liveCount: Int { calls.count }

    /// Calls were leased: start each one.
    public mutating func leased(_ attempts: [LeasedAttempt]) -> [DiallerAction] {
        attempts.map { attempt in
            hold(TrackedCall(attempt: attempt, state: .queued))
            return .place(attempt)
        }
    }

    /// The provider started a call. A provider that announced the whole course within the limits needs no write
    /// before the end; any other gets its reference recorded, so a node receiving its events can find it.
    public mutating func started(callId: Int64, _ started: StartedCall, now: Date) -> [DiallerAction] {
        guard var call = calls[callId] else { return [] }
        call.providerCallId = started.providerCallId
        if call.state < .dialing { call.state = .dialing }
        if let course = started.course,
            TrackedCall.keeps(course, within: configuration.limits, from: call.dialedAt)
        {
            call.course = course
            hold(call)
            return []
        }
        hold(call)
        return [
            .recordProgress(
                CallProgress(callId: callId, state: .dialing, providerCallId: started.providerCallId, at: now))
        ]
    }

    /// The provider refused to start a call: it ended, failed, at once.
    public mutating func startFailed(callId: Int64, now: Date) -> [DiallerAction] {
        guard let call = release(callId) else { return [] }
        markEnded(callId)
        let result = CallResult(startedAt: nil, answeredAt: nil, endedAt: now, outcome: .failed)
        return [.record(EndedCall(callId: callId, result: result, providerCallId: call.providerCallId))]
    }

    /// A call this dialler did not see end (its own after a restart, or a lapsed lease it took over), with what the
    /// provider knows: recorded when ended, followed when live, and given `unknownGrace` from `unknownSince` to
    /// report in when the provider cannot tell.
    public mutating func adopted(
        _ attempt: LeasedAttempt, status: CallStatus, unknownSince: Date, now: Date
    ) -> [DiallerAction] {
        switch status {
        case .ended(let result):
            markEnded(attempt.callId)
            return [.record(EndedCall(callId: attempt.callId, result: result))]
        case .live(let state, let course):
            var call = TrackedCall(attempt: attempt, state: state)
            if let course, TrackedCall.keeps(course, within: configuration.limits, from: call.dialedAt) {
                call.course = course
            }
            hold(call)
            return []
        case .unknown:
            if now >= unknownSince.addingTimeInterval(configuration.unknownGrace) {
                markEnded(attempt.callId)
                let result = CallResult(startedAt: nil, answeredAt: nil, endedAt: now, outcome: .interrupted)
                return [.record(EndedCall(callId: attempt.callId, result: result))]
            }
            var call = TrackedCall(attempt: attempt, state: .dialing)
            call.unknownSince = unknownSince
            hold(call)
            return []
        }
    }

    /// Provider events: each call's latest state counts, late and repeated ones change nothing, the first `ended`
    /// of a call is recorded. A call this dialler does not hold may belong to another node: its end goes to the
    /// store, whose fence decides.
    public mutating func received(_ events: [CallEvent]) -> [DiallerAction] {
        var actions: [DiallerAction] = []
        var endings: [Int64: CallEvent] = [:]
        for event in events {
            if case .ended = event.kind, endings[event.callId] == nil { endings[event.callId] = event }
        }
        var progressed: [Int64: CallProgress] = [:]
        for event in events where endings[event.callId] == nil && !endedRecently(event.callId) {
            guard var call = calls[event.callId] else {
                progressed[event.callId] = progress(of: event, previous: progressed[event.callId])
                continue
            }
            if call.providerCallId == nil { call.providerCallId = event.providerCallId }
            if case .answered(let by) = event.kind, call.answeredAt == nil {
                call.answeredAt = event.at
                call.answeredBy = by
            }
            if event.state > call.state {
                call.state = event.state
                if call.course == nil {
                    progressed[event.callId] = progress(of: event, previous: progressed[event.callId])
                }
            }
            call.unknownSince = nil
            hold(call)
        }
        for callId in progressed.keys.sorted() {
            if let update = progressed[callId] { actions.append(.recordProgress(update)) }
        }
        for callId in endings.keys.sorted() where !endedRecently(callId) {
            guard let event = endings[callId], case .ended(let result) = event.kind else { continue }
            let call = release(callId)
            markEnded(callId)
            // A provider that announced the course (the simulator) derives its reference from the call id: not stored.
            let reference = call?.course == nil ? event.providerCallId ?? call?.providerCallId : nil
            actions.append(.record(EndedCall(callId: callId, result: result, providerCallId: reference)))
        }
        return actions
    }

    /// The store answered the recordings: a call another node ended first needs nothing more here.
    public mutating func recorded(_ outcomes: [Int64: RecordOutcome]) {
        for callId in outcomes.keys {
            release(callId)
            markEnded(callId)
        }
    }

    /// The store renewed the leases of `renewed` among `requested`; the others were lost (taken over or ended
    /// elsewhere): this dialler lets them go and places nothing more for them.
    public mutating func renewed(_ renewed: Set<Int64>, requested: [Int64], until: Date) {
        for callId in requested {
            if renewed.contains(callId), var call = calls[callId] {
                call.attempt.leaseExpires = until
                hold(call)
            } else {
                release(callId)
            }
        }
    }

    /// Holds (or updates) a call and its next timer.
    mutating func hold(_ call: TrackedCall) {
        calls[call.attempt.callId] = call
        timers[call.attempt.callId] = call.nextTimer(configuration)
    }

    /// Lets a call go; returns it when it was held.
    @discardableResult
    mutating func release(_ callId: Int64) -> TrackedCall? {
        timers[callId] = nil
        return calls.removeValue(forKey: callId)
    }

    /// The earliest instant a timer of a held call fires (ring timeout, maximum duration, a hang-up's grace, an
    /// unknown call's grace, a lease renewal); nil when no call is held.
    public func nextTimer() -> Date? { timers.values.min() }

    /// The calls with a timer due at `now`, in id order.
    func dueCalls(at now: Date) -> [Int64] { timers.filter { $0.value <= now }.keys.sorted() }

    /// Remembers that a call was recorded ended, so its late duplicates cost nothing.
    mutating func markEnded(_ callId: Int64) { endedIds.insert(callId) }

    /// Whether this dialler recorded the call's end lately.
    func endedRecently(_ callId: Int64) -> Bool { endedIds.contains(callId) }

    private func progress(of event: CallEvent, previous: CallProgress?) -> CallProgress {
        var answeredBy: AnsweredBy?
        if case .answered(let by) = event.kind { answeredBy = by }
        let update = CallProgress(
            callId: event.callId, state: event.state, providerCallId: event.providerCallId, at: event.at,
            answeredBy: answeredBy)
        guard let previous, previous.state >= update.state else { return update }
        return previous
    }
}
