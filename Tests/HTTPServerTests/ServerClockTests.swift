import CampaignStore
import Foundation
import OutboundApp
import Testing

@Suite("The server's shared virtual clock")
struct ServerClockTests {
    static let start = Date(timeIntervalSince1970: 1_772_550_000)
    static let wall = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the stored clock's virtual time runs speed times faster than wall time from its start")
    func settingMath() {
        let setting = ServerClockSetting(start: Self.start, wallStart: Self.wall, speed: 60)
        #expect(setting.now(atWall: Self.wall) == Self.start)
        #expect(setting.now(atWall: Self.wall.addingTimeInterval(10)) == Self.start.addingTimeInterval(600))
    }

    @Test("without options and a stored clock the wall clock runs; options make a clock; a stored one is joined")
    func choose() throws {
        #expect(try ServerClockSetup.choose(stored: nil, speed: nil, clockStart: nil, wallNow: Self.wall) == nil)
        let made = try ServerClockSetup.choose(stored: nil, speed: 60, clockStart: Self.start, wallNow: Self.wall)
        #expect(made == ServerClockSetting(start: Self.start, wallStart: Self.wall, speed: 60))
        let later = Self.wall.addingTimeInterval(500)
        #expect(try ServerClockSetup.choose(stored: made, speed: nil, clockStart: nil, wallNow: later) == made)
        #expect(try ServerClockSetup.choose(stored: made, speed: 60, clockStart: Self.start, wallNow: later) == made)
        #expect(throws: AppFailure.self) {
            try ServerClockSetup.choose(stored: made, speed: 30, clockStart: nil, wallNow: later)
        }
        #expect(throws: AppFailure.self) {
            try ServerClockSetup.choose(stored: made, speed: nil, clockStart: later, wallNow: later)
        }
        for bad in [0, -1, .infinity, .nan, 1e9] {
            #expect(throws: AppFailure.self) {
                try ServerClockSetup.choose(stored: nil, speed: bad, clockStart: nil, wallNow: later)
            }
        }
    }

    @Test("two processes on one database read the same clock")
    func shared() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-clock-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("clock.sqlite").path
        let first = try await SQLCampaignStore.openSQLite(path: path)
        let second = try await SQLCampaignStore.openSQLite(path: path)
        let one = try await ServerClockSetup.clock(store: first, speed: 60, clockStart: Self.start, wallNow: Self.wall)
        let two = try await ServerClockSetup.clock(
            store: second, speed: nil, clockStart: nil, wallNow: Self.wall.addingTimeInterval(30))
        guard case .accelerated(let oneNow, let oneSpeed) = one, case .accelerated(let twoNow, let twoSpeed) = two
        else {
            Issue.record("expected accelerated clocks, got \(one) and \(two)")
            return
        }
        #expect(oneNow == Self.start && oneSpeed == 60)
        #expect(twoNow == Self.start.addingTimeInterval(1800) && twoSpeed == 60)
        let joined = try await ServerClockSetup.clock(store: first, speed: nil, clockStart: nil, wallNow: Self.wall)
        #expect(joined.isAccelerated)
        await #expect(throws: AppFailure.self) {
            _ = try await ServerClockSetup.clock(store: second, speed: 2, clockStart: nil, wallNow: Self.wall)
        }
        try await first.close()
        try await second.close()
    }

    @Test(
        "the demo's clock starts at 15:00 UTC on the latest Monday to Thursday",
        arguments: [
            ("2026-11-30T04:00:00Z", "2026-11-30T15:00:00Z"),  // Monday
            ("2026-12-03T23:59:00Z", "2026-12-03T15:00:00Z"),  // Thursday
            ("2026-12-04T10:00:00Z", "2026-12-03T15:00:00Z"),  // Friday
            ("2026-12-06T10:00:00Z", "2026-12-03T15:00:00Z"),  // Sunday
        ])
    func demoMorning(wall: String, expected: String) throws {
        let formatter = ISO8601DateFormatter()
        let now = try #require(formatter.date(from: wall))
        #expect(formatter.string(from: ServerDemo.clockStart(wallNow: now)) == expected)
    }
}

extension ProcessConfiguration.Clock {
    var isAccelerated: Bool {
        if case .accelerated = self { return true }
        return false
    }
}
