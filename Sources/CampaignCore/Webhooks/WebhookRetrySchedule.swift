import Foundation

/// When a failed delivery is tried again (SPEC §13: with backoff, for at least a day). The standard schedule waits
/// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the successive failures (about 27.6 hours in all), each delay
/// stretched or shrunk by up to ±`jitter` (20 %) so that endpoints coming back are not hit by every retry at once.
/// After the last delay's attempt fails, the delivery is given up (`failed`); it can still be redelivered by hand.
public struct WebhookRetrySchedule: Sendable, Equatable {
    /// Seconds to wait after the 1st, 2nd, … failure.
    public var delays: [Double]
    /// The largest share of a delay added or taken away at random.
    public var jitter: Double

    /// The standard schedule.
    public static let standard = WebhookRetrySchedule(
        delays: [5, 300, 1800, 7200, 18000, 36000, 36000], jitter: 0.2)

    /// Creates a schedule.
    public init(delays: [Double], jitter: Double = 0.2) {
        self.delays = delays
        self.jitter = max(0, min(jitter, 1))
    }

    /// When to try again after the `failures`-th failure in a row (1 for the first), `random` in 0..<1 choosing the
    /// jitter; nil once the schedule is exhausted.
    public func nextAttempt(after failures: Int, at now: Date, random: Double) -> Date? {
        guard failures >= 1, failures <= delays.count else { return nil }
        let delay = delays[failures - 1] * (1 + jitter * (2 * min(max(random, 0), 1) - 1))
        return now.addingTimeInterval(max(0, delay))
    }

    /// The total time the schedule retries for, without jitter.
    public var span: Double { delays.reduce(0, +) }

    /// Parses a comma-separated list of delays in seconds (`1,2,5`); nil when one is no positive number.
    public static func parse(_ text: String) -> WebhookRetrySchedule? {
        let delays = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !delays.isEmpty, delays.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return WebhookRetrySchedule(delays: delays.compactMap { $0 })
    }
}
