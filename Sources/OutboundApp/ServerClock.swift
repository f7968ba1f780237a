import CampaignStore
import Foundation

extension ServerClockSetting {
    /// The virtual instant of this clock at wall time `wall`.
    public func now(atWall wall: Date) -> Date { start.addingTimeInterval(wall.timeIntervalSince(wallStart) * speed) }
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

    /// The clock of a process on `store` (SPEC §11's shared clock): the stored clock joined, a new one stored, or
    /// the wall clock. A stored clock becomes an accelerated clock at the virtual instant it shows at `wallNow`, so
    /// every process on the database reads the same "now".
    public static func clock(
        store: any ServerClockStore, speed: Double?, clockStart: Date?, wallNow: Date = Date()
    ) async throws -> ProcessConfiguration.Clock {
        let stored = try await store.serverClock()
        guard let wanted = try choose(stored: stored, speed: speed, clockStart: clockStart, wallNow: wallNow) else {
            return .system
        }
        let adopted: ServerClockSetting
        if let stored { adopted = stored } else { adopted = try await store.adoptServerClock(wanted) }
        // Another process may have stored its clock between the look and the store: join it only if it agrees.
        if adopted != wanted {
            _ = try choose(stored: adopted, speed: speed, clockStart: clockStart, wallNow: wallNow)
        }
        return .accelerated(start: adopted.now(atWall: wallNow), speed: adopted.speed)
    }

    private static func format(_ speed: Double) -> String {
        speed.rounded() == speed ? String(Int64(speed)) : String(speed)
    }
}

extension ServerClockSetup {
    /// "Now" for a command reading `store`: the database's shared virtual clock when a server stored one (SPEC §11),
    /// else the wall clock.
    public static func now(of store: any ServerClockStore, wallNow: Date = Date()) async throws -> Date {
        try await store.serverClock()?.now(atWall: wallNow) ?? wallNow
    }
}
