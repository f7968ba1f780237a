import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("Commands on a database with a shared virtual clock act at its time, not the wall clock's")
struct CommandClockTests {
    @Test func aLifecycleCommandStartsTheRunAtTheServersVirtualTime() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: 2)
        let virtualStart = try #require(ISOTime.parse("2026-03-10T15:00:00Z"))
        let store = try await SQLCampaignStore.openSQLite(path: db)
        _ = try await store.adoptServerClock(ServerClockSetting(start: virtualStart, wallStart: Date(), speed: 1))
        try await store.close()

        let started = try CLI.run(["campaign", "start", "--db", db, id], in: folder)
        #expect(started.status == 0, "\(started.stderr)")
        let reopened = try await SQLCampaignStore.openSQLite(path: db)
        let runStart = try #require(try await reopened.runStartedAt(campaignId: Int64(id) ?? 0))
        try await reopened.close()
        #expect(runStart >= virtualStart && runStart < virtualStart.addingTimeInterval(3600), "\(runStart)")
    }
}
