/// Why we cancel a call that has not been answered.
public enum CancelReason: Equatable, Hashable, Sendable {
    /// The ring timeout passed: the outcome is `no_answer`.
    case ringTimeout
    /// The engine is pausing the campaign or shutting down: the outcome is `cancelled`.
    case engine

    /// The outcome a CANCEL for this reason gives.
    public var outcome: SIPCallOutcome { self == .ringTimeout ? .noAnswer : .cancelled }
}
