/// A carrier's calls-per-second limit as send slots: the n-th INVITE may leave no earlier than n / cps after the
/// first of a busy stretch, and a quiet carrier does not bank unused slots (SPEC §12: never above the carrier's CPS,
/// in any one-second window).
public struct CallPacer: Sendable, Equatable {
    /// The interval between two INVITEs.
    public let spacing: Duration
    /// The slot given last, on the pacer's clock.
    private var last: ContinuousClock.Instant?

    /// A pacer for `callsPerSecond` (at least 1). The spacing is rounded up to the attosecond, so that `cps`
    /// spacings never add up to less than a second.
    public init(callsPerSecond: Int) {
        let calls = Int64(max(1, callsPerSecond))
        let attoseconds = (1_000_000_000_000_000_000 + calls - 1) / calls
        spacing = Duration(secondsComponent: 0, attosecondsComponent: attoseconds)
    }

    /// Takes the next slot for a call wanted at `now`: `now` itself when the last slot is at least one spacing ago,
    /// else one spacing after the last.
    public mutating func slot(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        let slot = last.map { max(now, $0 + spacing) } ?? now
        last = slot
        return slot
    }
}
