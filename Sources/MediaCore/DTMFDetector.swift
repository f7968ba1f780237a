/// Turns RFC 4733 telephone-event packets into one `DTMFDigit` per key press. Every packet of one press
/// carries the same RTP timestamp (§2.5.1.2), the end is sent three times, and packets may be lost or
/// reordered; the detector reports a press at its first end packet, or when a press with a new timestamp begins
/// before the old one's end arrived, and never again for the same timestamp.
public struct DTMFDetector: Sendable {
    private var current: (timestamp: UInt32, digit: Character, duration: UInt16)?
    private var reported: [UInt32] = []

    /// A detector that has seen nothing.
    public init() {}

    /// Feeds one telephone-event packet (the RTP payload and timestamp). Returns the presses it completes.
    /// A payload that does not parse yields nothing; events that are not keys are ignored.
    public mutating func receive(payload: some Collection<UInt8>, timestamp: UInt32) -> [DTMFDigit] {
        guard let events = try? TelephoneEvent.parse(payload: payload), let event = events.last,
            let digit = event.digit, !reported.contains(timestamp)
        else { return [] }
        var completed: [DTMFDigit] = []
        if let open = current, open.timestamp != timestamp {
            if isNewer(timestamp, than: open.timestamp) {
                completed.append(report(open))
            } else {
                return []
            }
        }
        let longest = max(event.duration, current?.timestamp == timestamp ? current?.duration ?? 0 : 0)
        current = (timestamp, digit, longest)
        if event.isEnd, let open = current { completed.append(report(open)) }
        return completed
    }

    /// Reports a press whose end never arrived (the owner calls this when the stream ends or goes quiet).
    public mutating func flush() -> [DTMFDigit] {
        guard let open = current else { return [] }
        return [report(open)]
    }

    private mutating func report(_ open: (timestamp: UInt32, digit: Character, duration: UInt16)) -> DTMFDigit {
        current = nil
        reported.append(open.timestamp)
        if reported.count > 16 { reported.removeFirst() }
        return DTMFDigit(digit: open.digit, duration: open.duration, timestamp: open.timestamp)
    }

    private func isNewer(_ timestamp: UInt32, than other: UInt32) -> Bool {
        Int32(bitPattern: timestamp &- other) > 0
    }
}
