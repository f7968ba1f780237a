/// What a client transaction asks its owner to do.
public enum TransactionAction: Equatable, Hashable, Sendable {
    /// Send this request (the original, a retransmission, or the ACK of a non-2xx final).
    case send(SIPRequest)
    /// Start (or restart, replacing the running one) this timer.
    case startTimer(TransactionTimer, after: Duration)
    /// Cancel this timer if running.
    case cancelTimer(TransactionTimer)
    /// Pass this response to the transaction user.
    case deliver(SIPResponse)
    /// The transaction is over.
    case terminated(TransactionEnd)
}
