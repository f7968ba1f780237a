import Foundation
import Synchronization

/// The dialer's only source of time, injected everywhere: real in production, virtual in simulations and tests.
public protocol DialerClock: Sendable {
    /// The current instant.
    func now() -> Date
    /// Returns at `instant` (at once when it has passed).
    func sleep(until instant: Date) async throws
    /// Whether time only moves when the engine says so (simulation): the engine then never polls on a timer.
    var isVirtual: Bool { get }
}

/// Wall-clock time.
public struct SystemClock: DialerClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until instant: Date) async throws {
        let seconds = instant.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) }
    }

    public var isVirtual: Bool { false }
}

/// A clock that jumps straight to the next instant the engine waits for.
public final class VirtualClock: DialerClock {
    private let current: Mutex<Date>

    /// Starts the clock at `start`.
    public init(start: Date) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func sleep(until instant: Date) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, instant) }
    }

    /// Moves the clock forward by `seconds` (never backwards).
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(max(0, seconds)) }
    }

    public var isVirtual: Bool { true }
}
