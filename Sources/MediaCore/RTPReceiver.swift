/// Follows one incoming RTP stream: extends sequence numbers across wrap-around, accepts each packet once,
/// refuses duplicates and packets older than a small reorder window, counts loss and estimates jitter.
///
/// Loss is exact with respect to what was accepted: for each run of the source (restarts begin a new run), the
/// sequence numbers between the lowest and the highest accepted that were never accepted. A late packet is
/// not accepted, so it stays lost. Large jumps follow RFC 3550 A.1: more than `maximumDropout` ahead or more
/// than `maximumMisorder` behind is dropped, unless the next packet follows it, which restarts the run.
public struct RTPReceiver: Sendable {
    /// How far behind the highest accepted packet a packet may be and still be accepted (1–64).
    public let window: Int
    /// Largest forward step taken as loss rather than a jump.
    public let maximumDropout: Int
    /// Largest backward step taken as reordering (late or in the window) rather than a jump.
    public let maximumMisorder: Int
    /// The counters so far.
    public var statistics: RTPReceiveStatistics {
        var result = counters
        if let run { result.lost += Int(run.highest - run.lowest + 1) - run.accepted }
        return result
    }
    /// The source being followed.
    public private(set) var ssrc: UInt32?

    private struct Run {
        var highest: Int64
        var lowest: Int64
        var seen: UInt64 = 1
        var accepted = 1
    }

    private var counters = RTPReceiveStatistics()
    private var run: Run?
    private var probe: UInt16?
    private var lastTransit: Double?

    /// A receiver with a reorder window of `window` packets (clamped to 1–64).
    public init(window: Int = 32, maximumDropout: Int = 3000, maximumMisorder: Int = 100) {
        self.window = min(max(window, 1), 64)
        self.maximumDropout = maximumDropout
        self.maximumMisorder = max(maximumMisorder, self.window)
    }

    /// Judges one packet arriving at `arrival`.
    public mutating func receive(_ packet: RTPPacket, at arrival: MediaInstant) -> RTPReceiveVerdict {
        if ssrc != packet.ssrc {
            if ssrc != nil { counters.restarts += 1 }
            ssrc = packet.ssrc
            restart(at: packet.sequenceNumber)
            track(packet, at: arrival)
            return .accepted(extendedSequence: Int64(packet.sequenceNumber), inOrder: true)
        }
        guard var current = run else { return .jump }
        let delta = Int(Int16(bitPattern: packet.sequenceNumber &- UInt16(truncatingIfNeeded: current.highest)))
        if delta > maximumDropout || -delta > maximumMisorder {
            if probe == packet.sequenceNumber {
                counters.restarts += 1
                restart(at: packet.sequenceNumber)
                track(packet, at: arrival)
                return .accepted(extendedSequence: Int64(packet.sequenceNumber), inOrder: true)
            }
            probe = packet.sequenceNumber &+ 1
            counters.jumps += 1
            return .jump
        }
        probe = nil
        let extended = current.highest + Int64(delta)
        if delta > 0 {
            current.seen = delta >= 64 ? 1 : current.seen << UInt64(delta) | 1
            current.highest = extended
        } else {
            let back = -delta
            guard back < window else {
                counters.late += 1
                return .late
            }
            let bit: UInt64 = 1 << UInt64(back)
            guard current.seen & bit == 0 else {
                counters.duplicates += 1
                return .duplicate
            }
            current.seen |= bit
            current.lowest = min(current.lowest, extended)
        }
        current.accepted += 1
        run = current
        counters.accepted += 1
        track(packet, at: arrival)
        return .accepted(extendedSequence: extended, inOrder: delta > 0)
    }

    private mutating func restart(at sequenceNumber: UInt16) {
        if let run { counters.lost += Int(run.highest - run.lowest + 1) - run.accepted }
        run = Run(highest: Int64(sequenceNumber), lowest: Int64(sequenceNumber))
        counters.accepted += 1
        probe = nil
        lastTransit = nil
    }

    private mutating func track(_ packet: RTPPacket, at arrival: MediaInstant) {
        let arrivalUnits = Double(arrival.sinceOrigin.wholeMilliseconds) * 8
        let transit = arrivalUnits - Double(packet.timestamp)
        if let lastTransit {
            var difference = abs(transit - lastTransit)
            if difference > 2_147_483_648 { difference = abs(difference - 4_294_967_296) }
            counters.jitter += (difference - counters.jitter) / 16
        }
        lastTransit = transit
    }
}
