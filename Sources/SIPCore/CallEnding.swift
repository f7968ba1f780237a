/// How a call ended: the outcome, the final status when one decided it, and a short reason.
public struct CallEnding: Equatable, Hashable, Sendable {
    /// The telephony outcome.
    public var outcome: SIPCallOutcome
    /// The final response to the INVITE that decided the outcome, if any.
    public var statusCode: Int?
    /// A short human-readable reason (`486 Busy Here`, `Timer B`, `transport error`).
    public var reason: String
    /// For an answered call, who hung up.
    public var hungUpBy: CallParty?

    /// An ending.
    public init(outcome: SIPCallOutcome, statusCode: Int? = nil, reason: String, hungUpBy: CallParty? = nil) {
        self.outcome = outcome
        self.statusCode = statusCode
        self.reason = reason
        self.hungUpBy = hungUpBy
    }
}
