import Foundation

/// At most `calls` attempts to one number within any rolling window of `windowHours` hours.
///
/// An attempt at `a` counts at instant `t` while `t − window < a`: a fourth call after three is allowed exactly one
/// window after the first.
public struct FrequencyCap: Sendable, Hashable {
    /// Attempts allowed per window, at least 1.
    public let calls: Int
    /// The window's length in hours, at least 1.
    public let windowHours: Int

    /// Creates a cap; nil when either value is below 1.
    public init?(calls: Int, windowHours: Int) {
        guard calls >= 1, windowHours >= 1 else { return nil }
        self.calls = calls
        self.windowHours = windowHours
    }

    /// The window in seconds.
    public var window: TimeInterval { TimeInterval(windowHours) * 3600 }

    /// The earliest instant at or after `instant` when one more attempt is allowed, given the earlier `attempts` to
    /// the number (in any order; only those still inside the window matter).
    public func freesAt(atOrAfter instant: Date, attempts: [Date]) -> Date {
        let cutoff = instant.addingTimeInterval(-window)
        let counted = attempts.filter { $0 > cutoff }.sorted()
        guard counted.count >= calls else { return instant }
        // The cap frees when all but `calls − 1` of the counted attempts have left the window.
        return max(instant, counted[counted.count - calls].addingTimeInterval(window))
    }
}
