/// Progress of a call, reported to the engine's event-driven call path.
public enum CallEvent: Equatable, Hashable, Sendable {
    /// The first 100 Trying.
    case trying
    /// The far end is alerting (the first 180, 181, 182 or 183 without usable SDP).
    case ringing(statusCode: Int)
    /// A provisional carried SDP: start receiving (and may send) RTP there. Reported again when the SDP changes.
    case earlyMedia(MediaDescription)
    /// A 2xx established the dialog; the ACK has been sent.
    case answered(MediaDescription)
    /// The call is over (reported once).
    case ended(CallEnding)
}
