import CampaignCore
import CampaignStore
import Foundation

/// A live call the dialler holds, as far as its events told.
public struct TrackedCall: Sendable, Equatable {
    /// The leased attempt (call row).
    public var attempt: LeasedAttempt
    /// How far the call got.
    public var state: CallState
    /// The provider's reference, once started.
    public var providerCallId: String?
    /// When the callee answered, once known.
    public var answeredAt: Date?
    /// Who answered, once known.
    public var answeredBy: AnsweredBy?
    /// The whole course, when the provider announced it and it keeps within the limits (no timer needed).
    public var course: CallResult?
    /// When and why the engine asked the provider to hang up.
    public var hangUp: PendingHangUp?
    /// Since when the provider could not account for the call (reconciliation answered `unknown`).
    public var unknownSince: Date?
    /// The engine asked the provider to cancel it because its campaign stopped dialling (asked once).
    public var cancelRequested = false

    /// The instant the call was dialled (its queueing: the dial follows at once).
    public var dialedAt: Date { attempt.queuedAt }

    /// Whether an announced course keeps within the limits, so the engine need not watch the call.
    static func keeps(_ course: CallResult, within limits: CallLimits, from dialedAt: Date) -> Bool {
        let rang = (course.answeredAt ?? course.endedAt).timeIntervalSince(dialedAt)
        return rang <= limits.ringTimeout && course.endedAt.timeIntervalSince(dialedAt) <= limits.maximumDuration
    }

    /// The moment the ring timeout fires, while it applies.
    func ringDeadline(_ limits: CallLimits) -> Date? {
        guard course == nil, hangUp == nil, unknownSince == nil, state < .answered else { return nil }
        return dialedAt.addingTimeInterval(limits.ringTimeout)
    }

    /// The moment the maximum duration fires, while it applies.
    func durationDeadline(_ limits: CallLimits) -> Date? {
        guard course == nil, hangUp == nil, unknownSince == nil else { return nil }
        return dialedAt.addingTimeInterval(limits.maximumDuration)
    }

    /// The end the engine records itself when a hung-up call never reports one.
    func forcedEnd(at endedAt: Date, reason: HangUpReason) -> CallResult {
        if let answeredAt {
            return CallResult(
                startedAt: dialedAt, answeredAt: answeredAt, endedAt: endedAt, outcome: .answered,
                answeredBy: answeredBy)
        }
        return CallResult(
            startedAt: dialedAt, answeredAt: nil, endedAt: endedAt,
            outcome: reason == .ringTimeout ? .noAnswer : .timeout)
    }
}

/// A hang-up the engine asked for and whose end has not been reported yet.
public struct PendingHangUp: Sendable, Equatable {
    /// When the engine asked.
    public var at: Date
    /// Why.
    public var reason: HangUpReason
}
