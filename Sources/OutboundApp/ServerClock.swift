import CampaignStore
import Dialer
import Foundation

/// The server's shared virtual clock (SPEC §11): virtual time runs `speed` times faster than wall time from the
/// instant stored in the database, so every process on that database reads the same "now". It moves by itself, so the
/// engine polls on it like on the wall clock.
public struct ScaledClock: DialerClock {
    /// The stored clock.
    public let setting: ServerClockSetting
    let wallNow: @Sendable () -> Date
    let wallSleep: @Sendable (TimeInterval) async throws -> Void

    /// A clock that follows `setting`, reading wall time from `wallNow` and waiting with `wallSleep` (tests pass a
    /// manual wall clock).
    public init(
        _ setting: ServerClockSetting, wallNow: @escaping @Sendable () -> Date = { Date() },
        wallSleep: @escaping @Sendable (TimeInterval) async throws -> Void = { seconds in
            try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
        }
    ) {
        self.setting = setting
        self.wallNow = wallNow
        self.wallSleep = wallSleep
    }

    public func now() -> Date {
        setting.start.addingTimeInterval(wallNow().timeIntervalSince(setting.wallStart) * setting.speed)
    }

    public func sleep(until instant: Date) async throws {
        let wait = instant.timeIntervalSince(now()) / setting.speed
        if wait > 0 { try await wallSleep(wait) } else { try Task.checkCancellation() }
    }

    public var isVirtual: Bool { false }
}

/// Chooses the clock of a server process from its options and the database's stored clock.
public enum ServerClockSetup {
    /// The clock the options ask for, given the database's `stored` clock: nil for the wall clock (no options and no
    /// stored clock); a stored clock is joined, and options that disagree with it are refused.
    public static func choose(
        stored: ServerClockSetting?, speed: Double?, clockStart: Date?, wallNow: Date
    ) throws -> ServerClockSetting? {
        if let speed, !(speed.isFinite && speed > 0 && speed <= 100_000) {
            throw AppFailure("--speed must be a number above 0, at most 100000")
        }
        guard let stored else {
            guard speed != nil || clockStart != nil else { return nil }
            return ServerClockSetting(start: clockStart ?? wallNow, wallStart: wallNow, speed: speed ?? 1)
        }
        if let speed, abs(speed - stored.speed) > 1e-6 {
            throw AppFailure(
                "--speed \(format(speed)): the database's clock runs at speed \(format(stored.speed)); "
                    + "leave --speed out to join it")
        }
        if let clockStart, abs(clockStart.timeIntervalSince(stored.start)) >= 0.001 {
            throw AppFailure(
                "--clock-start: the database's clock started at \(ISO8601DateFormatter().string(from: stored.start)); "
                    + "leave --clock-start out to join it")
        }
        return stored
    }

    /// The clock of a process on `store`: the stored clock joined, a new one stored, or the wall clock.
    public static func clock(
        store: any ServerClockStore, speed: Double?, clockStart: Date?, wallNow: Date = Date()
    ) async throws -> any DialerClock {
        let stored = try await store.serverClock()
        guard let wanted = try choose(stored: stored, speed: speed, clockStart: clockStart, wallNow: wallNow) else {
            return SystemClock()
        }
        let adopted: ServerClockSetting
        if let stored { adopted = stored } else { adopted = try await store.adoptServerClock(wanted) }
        // Another process may have stored its clock between the look and the store: join it only if it agrees.
        if adopted != wanted {
            _ = try choose(stored: adopted, speed: speed, clockStart: clockStart, wallNow: wallNow)
        }
        return ScaledClock(adopted)
    }

    private static func format(_ speed: Double) -> String {
        speed.rounded() == speed ? String(Int64(speed)) : String(speed)
    }
}
