/// A timer of a call: a transaction's (keyed by CSeq number and method), the ring timeout, or the CANCEL guard.
public enum CallTimer: Equatable, Hashable, Sendable {
    /// A timer of the client transaction for this request.
    case transaction(TransactionKey, TransactionTimer)
    /// The ring timeout from the configuration.
    case ringTimeout
    /// 64·T1 after our CANCEL with no final to the INVITE: consider it cancelled (RFC 3261 §9.1).
    case cancelGuard
}
