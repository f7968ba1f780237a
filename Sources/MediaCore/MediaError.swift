/// Every way an RTP packet, a telephone-event payload or an agent's Media Streams message can be refused,
/// with the context that says why.
public enum MediaError: Error, Equatable, Sendable {
    /// The datagram is shorter than the part of the RTP packet it must hold.
    case truncated(needed: Int, have: Int)
    /// The RTP version field is not 2.
    case badVersion(UInt8)
    /// The padding count is zero or larger than what follows the header.
    case badPadding(count: Int, available: Int)
    /// A payload larger than a datagram can carry was given to the serialiser.
    case tooLarge(size: Int, limit: Int)
    /// A field holds a value outside its range (CSRC count, payload type, telephone event).
    case outOfRange(field: String, value: Int)
    /// The agent's text is not a JSON object.
    case notJSON(String)
    /// The agent's message names an event it may not send.
    case unknownEvent(String)
    /// A field the event must carry is missing or of the wrong type.
    case missingField(event: String, field: String)
    /// A field is present but its value is unusable.
    case badField(event: String, field: String, reason: String)
}
