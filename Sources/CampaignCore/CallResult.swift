import Foundation

/// What the call path reports about one ended call.
public struct CallResult: Sendable, Equatable {
    /// When the dial left (nil when it never did).
    public var startedAt: Date?
    /// When the callee picked up.
    public var answeredAt: Date?
    /// When the call ended.
    public var endedAt: Date
    /// Telephony outcome.
    public var outcome: CallOutcome
    /// Human or machine, for answered calls.
    public var answeredBy: AnsweredBy?
    /// Conversation turns (agent + callee utterances).
    public var turns: Int
    /// Disposition name set by the agent or analysis (upper-case), if any.
    public var disposition: String?
    /// Requested callback time for a `CALLBACK` disposition.
    public var callbackAt: Date?

    /// Creates a result.
    public init(
        startedAt: Date?, answeredAt: Date?, endedAt: Date, outcome: CallOutcome,
        answeredBy: AnsweredBy? = nil, turns: Int = 0, disposition: String? = nil, callbackAt: Date? = nil
    ) {
        self.startedAt = startedAt
        self.answeredAt = answeredAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.answeredBy = answeredBy
        self.turns = turns
        self.disposition = disposition
        self.callbackAt = callbackAt
    }

    /// Seconds the call was connected (0 when never answered).
    public var connectedSeconds: Int {
        guard let answeredAt else { return 0 }
        return max(0, Int(endedAt.timeIntervalSince(answeredAt).rounded()))
    }

    /// Seconds from start to end of the call.
    public var durationSeconds: Int {
        guard let startedAt else { return 0 }
        return max(0, Int(endedAt.timeIntervalSince(startedAt).rounded()))
    }
}
