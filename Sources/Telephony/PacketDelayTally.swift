/// How long packets spent inside the bridge, from their arrival on one side to their departure on the other, as
/// counts: every packet, the late ones (over ``lateThreshold``), the longest delay, and a histogram by whole
/// millisecond (the last bucket holds everything longer) for percentiles. A value: the owner adds one delay per
/// packet (a clock read each side) and merges tallies of many calls.
public struct PacketDelayTally: Sendable, Equatable {
    /// A packet held longer than this is late (SPEC's benchmark budget: 40 ms between arrival and departure).
    public static let lateThreshold = Duration.milliseconds(40)
    /// Histogram buckets: one per whole millisecond below the last, which holds every longer delay.
    public static let buckets = 256

    /// Packets counted.
    public private(set) var packets = 0
    /// Packets whose delay was over ``lateThreshold``.
    public private(set) var late = 0
    /// The longest delay counted.
    public private(set) var maximum = Duration.zero
    private var histogram: [Int] = []

    /// No packets yet.
    public init() {}

    /// Counts one packet that spent `delay` in the bridge (a negative delay, from a clock read out of order, counts
    /// as zero).
    public mutating func record(_ delay: Duration) {
        let delay = max(delay, .zero)
        if histogram.isEmpty { histogram = Array(repeating: 0, count: Self.buckets) }
        packets += 1
        if delay > Self.lateThreshold { late += 1 }
        if delay > maximum { maximum = delay }
        let (seconds, attoseconds) = delay.components
        let milliseconds =
            seconds >= Int64(Self.buckets) ? Int64(Self.buckets) : seconds * 1000 + attoseconds / 1_000_000_000_000_000
        histogram[Int(min(milliseconds, Int64(Self.buckets - 1)))] += 1
    }

    /// Adds every packet of `other` (another direction or another call).
    public mutating func merge(_ other: PacketDelayTally) {
        guard other.packets > 0 else { return }
        if histogram.isEmpty { histogram = Array(repeating: 0, count: Self.buckets) }
        packets += other.packets
        late += other.late
        maximum = max(maximum, other.maximum)
        for index in 0..<Self.buckets { histogram[index] += other.histogram[index] }
    }

    /// The delay below which a `fraction` (0–1) of the packets fall, to the millisecond above (nil with no packets);
    /// a delay in the last bucket reads as the longest counted.
    public func percentile(_ fraction: Double) -> Duration? {
        guard packets > 0 else { return nil }
        let rank = max(1, Int((Double(packets) * min(max(fraction, 0), 1)).rounded(.up)))
        var seen = 0
        for (milliseconds, count) in histogram.enumerated() {
            seen += count
            if seen >= rank {
                return milliseconds == Self.buckets - 1 ? maximum : .milliseconds(milliseconds + 1)
            }
        }
        return maximum
    }
}
