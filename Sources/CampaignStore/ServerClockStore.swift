import Foundation

/// The shared virtual clock of every server process on a database (SPEC §11): virtual time `start` at wall time
/// `wallStart`, moving `speed` times faster than wall time since.
public struct ServerClockSetting: Sendable, Equatable {
    /// The virtual instant the clock started at.
    public var start: Date
    /// The wall-clock instant it started at.
    public var wallStart: Date
    /// Virtual seconds per wall second.
    public var speed: Double

    /// Creates a setting.
    public init(start: Date, wallStart: Date, speed: Double) {
        self.start = start
        self.wallStart = wallStart
        self.speed = speed
    }
}

/// Where the server's shared virtual clock is kept, so that every process on the database agrees on "now".
public protocol ServerClockStore: Sendable {
    /// The database's clock, or nil when it has none (servers there run on the wall clock).
    func serverClock() async throws -> ServerClockSetting?
    /// Stores `setting` as the database's clock unless it has one already; returns the clock in force.
    func adoptServerClock(_ setting: ServerClockSetting) async throws -> ServerClockSetting
}
