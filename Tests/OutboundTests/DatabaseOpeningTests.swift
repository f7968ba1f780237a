import Foundation
import Testing

@testable import CampaignStore

@Suite("Only creating commands create a database; an older Outbound one is migrated; the demo replaces only its own")
struct DatabaseOpeningTests {
    @Test func aReadingCommandMigratesAnOlderOutboundDatabase() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("old.sqlite").path
        let old = try await SQLCampaignStore.openSQLite(path: db, migratingThrough: 1)
        try await old.close()
        let output = try CLI.run(["calls", "export", "--db", db], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout.hasPrefix("call_id,"))
    }

    @Test func theStoreRefusesAForeignFileUntouched() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let foreign = folder.appendingPathComponent("foreign.sqlite").path
        try CLI.sqlite3(foreign, "CREATE TABLE notes (body TEXT);")
        let before = CLI.snapshot(of: folder)
        await #expect(throws: StoreError.self) { _ = try await SQLCampaignStore.openSQLite(path: foreign) }
        #expect(CLI.snapshot(of: folder) == before)
    }

    @Test func theDemoReplacesTheDatabaseItMadeAndOnlyThatOne() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("mine.sqlite").path
        let first = try CLI.run(["demo", "--db", db, "--days", "1"], in: folder)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let second = try CLI.run(["demo", "--db", db, "--days", "1"], in: folder)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stdout.contains("campaign 1 "), "a fresh database: \(second.stdout)")
        try CLI.settingsJSON.write(
            toFile: folder.appendingPathComponent("good.json").path, atomically: true, encoding: .utf8)
        let operatorDB = folder.appendingPathComponent("operator.sqlite").path
        #expect(
            try CLI.run(["campaign", "create", "--db", operatorDB, "--config", "good.json"], in: folder).status == 0)
        let before = CLI.snapshot(of: folder)
        let refused = try CLI.run(["demo", "--db", operatorDB, "--days", "1"], in: folder)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("not a database the demo created"), "stderr: \(refused.stderr)")
        #expect(CLI.snapshot(of: folder) == before)
    }
}
