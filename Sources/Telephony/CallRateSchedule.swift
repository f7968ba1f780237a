/// When each call of a constant-rate run is due: `callsPerSecond` calls a second for `seconds` seconds, call `i` at
/// `i / callsPerSecond` after the start. The `outbound bench sip` driver places calls by it.
public struct CallRateSchedule: Sendable, Equatable {
    /// Calls a second.
    public let callsPerSecond: Int
    /// Length of the run.
    public let seconds: Double

    /// A schedule; both must be positive.
    public init(callsPerSecond: Int, seconds: Double) {
        precondition(callsPerSecond > 0 && seconds > 0, "a rate schedule needs a positive rate and length")
        self.callsPerSecond = callsPerSecond
        self.seconds = seconds
    }

    /// Calls in the whole run (at least one).
    public var count: Int { max(1, Int((Double(callsPerSecond) * seconds).rounded(.down))) }

    /// When call `index` (from 0) is due, after the start.
    public func offset(of index: Int) -> Duration {
        .nanoseconds(Int64(index) * 1_000_000_000 / Int64(callsPerSecond))
    }

    /// How many calls are due by `elapsed` after the start (never more than ``count``).
    public func due(after elapsed: Duration) -> Int {
        guard elapsed >= .zero else { return 0 }
        let (seconds, attoseconds) = elapsed.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        return min(count, Int(nanoseconds * Int64(callsPerSecond) / 1_000_000_000) + 1)
    }
}
