/// One key press reported once, however many packets carried it.
public struct DTMFDigit: Equatable, Hashable, Sendable {
    /// The key: `0`–`9`, `*`, `#`, `A`–`D`.
    public var digit: Character
    /// How long it was held, in timestamp units (1/8000 s); the longest duration seen.
    public var duration: UInt16
    /// The RTP timestamp shared by every packet of the press (its identity).
    public var timestamp: UInt32

    /// A press from its fields.
    public init(digit: Character, duration: UInt16, timestamp: UInt32) {
        self.digit = digit
        self.duration = duration
        self.timestamp = timestamp
    }
}
