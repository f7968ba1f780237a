/// Why a client transaction ended.
public enum TransactionEnd: Equatable, Hashable, Sendable {
    /// A final response was received and its retransmission window closed (Timer D or K).
    case completed
    /// A 2xx to an INVITE was passed to the transaction user, which owns the ACK from here.
    case accepted
    /// No final response in time (Timer B or F).
    case timedOut
    /// The transport reported an error.
    case transportError
}
