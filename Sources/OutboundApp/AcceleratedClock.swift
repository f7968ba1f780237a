import Dialer
import Foundation

/// Virtual time that runs `speed` times faster than wall time from `start`: a long-running process on a simulated
/// clock (`--speed 60` shows an hour of calling in a minute). Unlike ``VirtualClock`` it never jumps, so every
/// campaign, the reaper and a watching client see the same "now".
public struct AcceleratedClock: DialerClock {
    /// The virtual instant at which the clock was made.
    public let start: Date
    /// Virtual seconds per wall second (greater than zero).
    public let speed: Double
    private let origin: ContinuousClock.Instant

    /// A clock at `start` now, running `speed` times faster than wall time.
    public init(start: Date, speed: Double) {
        self.start = start
        self.speed = max(speed, .leastNonzeroMagnitude)
        origin = .now
    }

    public func now() -> Date {
        let elapsed = ContinuousClock.now - origin
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start.addingTimeInterval(seconds * speed)
    }

    public func sleep(until instant: Date) async throws {
        let virtualSeconds = instant.timeIntervalSince(now())
        guard virtualSeconds > 0 else { return try Task.checkCancellation() }
        try await Task.sleep(for: .seconds(virtualSeconds / speed))
    }

    public var isVirtual: Bool { false }
}
