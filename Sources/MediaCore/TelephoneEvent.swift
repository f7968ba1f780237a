/// One RFC 4733 telephone-event payload (§2.3): event code, end bit, volume and duration. A packet may carry
/// several 4-byte blocks (§2.5.1.4, redundancy); `parse(payload:)` returns them in order.
public struct TelephoneEvent: Equatable, Hashable, Sendable {
    /// The event code: 0–9 digits, 10 `*`, 11 `#`, 12–15 `A`–`D`, others (flash, tones) not DTMF.
    public var event: UInt8
    /// Set on the packets that end the event (sent three times, §2.5.1.4).
    public var isEnd: Bool
    /// Power level as 0 to −63 dBm0, given positive.
    public var volume: UInt8
    /// Duration so far in timestamp units (1/8000 s).
    public var duration: UInt16

    /// An event from its fields.
    public init(event: UInt8, isEnd: Bool, volume: UInt8, duration: UInt16) {
        self.event = event
        self.isEnd = isEnd
        self.volume = volume
        self.duration = duration
    }

    /// The DTMF key for the event, or nil for an event that is not a key.
    public var digit: Character? {
        switch event {
        case 0...9: Character(String(event))
        case 10: "*"
        case 11: "#"
        case 12...15: Character(UnicodeScalar(UInt8(ascii: "A") + event - 12))
        default: nil
        }
    }

    /// The event blocks of a telephone-event payload. The length must be a positive multiple of 4.
    public static func parse(payload: some Collection<UInt8>) throws(MediaError) -> [TelephoneEvent] {
        let bytes = Array(payload)
        guard !bytes.isEmpty, bytes.count % 4 == 0 else {
            throw .outOfRange(field: "telephone-event payload length", value: bytes.count)
        }
        var events: [TelephoneEvent] = []
        for offset in stride(from: 0, to: bytes.count, by: 4) {
            let flags: UInt8 = bytes[offset + 1]
            let high = UInt16(bytes[offset + 2])
            let low = UInt16(bytes[offset + 3])
            events.append(
                TelephoneEvent(
                    event: bytes[offset], isEnd: flags & 0x80 != 0, volume: flags & 0x3F, duration: high << 8 | low))
        }
        return events
    }

    /// The 4 bytes of this event.
    public var bytes: [UInt8] {
        let flags: UInt8 = (isEnd ? 0x80 : 0) | (volume & 0x3F)
        return [event, flags, UInt8(duration >> 8), UInt8(truncatingIfNeeded: duration)]
    }
}
