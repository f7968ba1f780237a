/// What `RTPReceiver` decided about one packet.
public enum RTPReceiveVerdict: Equatable, Sendable {
    /// New: forward it. `extendedSequence` counts wrap-arounds (sequence number + cycles · 2¹⁶); `inOrder` is false
    /// when it fills a gap inside the reorder window after later packets were already accepted.
    case accepted(extendedSequence: Int64, inOrder: Bool)
    /// Already accepted once: drop it.
    case duplicate
    /// Older than the reorder window: too late to use, drop it (it stays counted as lost).
    case late
    /// A jump in sequence numbers too large to be loss or reordering (RFC 3550 A.1); dropped unless the next
    /// packet follows it, in which case the source is taken to have restarted.
    case jump
}
