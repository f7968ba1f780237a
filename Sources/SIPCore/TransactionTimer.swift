/// A client transaction timer (RFC 3261 §17.1).
public enum TransactionTimer: String, Equatable, Hashable, Sendable {
    /// INVITE retransmission.
    case a = "A"
    /// INVITE timeout.
    case b = "B"
    /// Wait for retransmitted INVITE finals.
    case d = "D"
    /// Non-INVITE retransmission.
    case e = "E"
    /// Non-INVITE timeout.
    case f = "F"
    /// Wait for retransmitted non-INVITE finals.
    case k = "K"
}
