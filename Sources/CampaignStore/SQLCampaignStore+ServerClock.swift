import Foundation
import SQLKit

extension SQLCampaignStore: ServerClockStore {
    public func serverClock() async throws -> ServerClockSetting? {
        try await read { db in try await Self.loadServerClock(db) }
    }

    public func adoptServerClock(_ setting: ServerClockSetting) async throws -> ServerClockSetting {
        try await transaction { db in
            if let existing = try await Self.loadServerClock(db) { return existing }
            try await db.raw(
                """
                INSERT INTO server_clock (id, start_at, wall_at, speed_micros) VALUES (1,
                \(bind: Millis.from(setting.start)), \(bind: Millis.from(setting.wallStart)),
                \(bind: Int64((setting.speed * 1_000_000).rounded())))
                """
            ).run()
            return try await Self.loadServerClock(db) ?? setting
        }
    }

    static func loadServerClock(_ db: any SQLDatabase) async throws -> ServerClockSetting? {
        guard
            let row = try await db.raw("SELECT start_at, wall_at, speed_micros FROM server_clock WHERE id = 1").first()
        else { return nil }
        return ServerClockSetting(
            start: Millis.date(try row.decode(column: "start_at", as: Int64.self)),
            wallStart: Millis.date(try row.decode(column: "wall_at", as: Int64.self)),
            speed: Double(try row.decode(column: "speed_micros", as: Int64.self)) / 1_000_000)
    }
}
