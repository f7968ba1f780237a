import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("campaign create --config with a bad settings document")
struct SettingsConfigCommandTests {
    /// One bad value per row: the key the one-line error must name, and a fragment of the bad document.
    static let rows: [(key: String, from: String, to: String)] = [
        ("numberPool[1]", #""+14155550101""#, #""+1415555""#),
        ("retry.on[1]", #""delayMinutes": 45"#, #""delayMinutes": 45, "on": ["busy", "no_anwser"]"#),
        ("startAt", #""concurrency": 6"#, #""concurrency": 6, "startAt": "2026-02-30T10:00:00Z""#),
        ("window.timezone", #""timezone": "recipient""#, #""timezone": "Europe/London\u001b[31m\u0007""#),
        ("concurrency", #""concurrency": 6"#, #""concurrency": 1e400"#),
    ]

    @Test(arguments: 0..<rows.count)
    func exitsNonZeroWithOneLineNamingTheKeyAndCreatesNothing(_ row: Int) throws {
        let (key, from, to) = Self.rows[row]
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("bad.json")
        #expect(CLI.settingsJSON.contains(from))
        try CLI.settingsJSON.replacingOccurrences(of: from, with: to).write(
            to: config, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("new.sqlite").path
        let output = try CLI.run(["campaign", "create", "--db", db, "--config", config.path], in: folder)
        #expect(output.status != 0)
        #expect(output.stdout.isEmpty)
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "\(output.stderr.debugDescription)")
        #expect(output.stderr.hasPrefix("error: settings key '\(key)': "), "\(output.stderr)")
        #expect(!output.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!FileManager.default.fileExists(atPath: db), "a rejected document must not create a database")
    }

    @Test func anExistingDatabaseIsLeftUntouched() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, _) = try await CLI.campaignWithContacts(in: folder, contacts: 1)
        let config = folder.appendingPathComponent("bad.json")
        try CLI.settingsJSON.replacingOccurrences(of: #""+14155550101""#, with: #""+1415555""#).write(
            to: config, atomically: true, encoding: .utf8)
        let files = { () -> [String] in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        }
        let before = (files(), FileManager.default.contents(atPath: db))
        let output = try CLI.run(["campaign", "create", "--db", db, "--config", config.path], in: folder)
        #expect(output.status != 0)
        #expect(output.stderr.hasPrefix("error: settings key 'numberPool[1]': '+1415555' is not a valid phone number"))
        #expect(files() == before.0)
        #expect(FileManager.default.contents(atPath: db) == before.1, "no agent, no campaign, no migration")
    }

    @Test func anImpossibleDateInAnOptionIsRefused() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: 1)
        let output = try CLI.run(
            [
                "simulate", "--db", db, "--campaign", id, "--from", "2026-02-30T13:00:00Z", "--until",
                "2026-03-20T00:00:00Z",
            ],
            in: folder)
        #expect(output.status != 0)
        #expect(output.stderr.hasPrefix("error: --from: '2026-02-30T13:00:00Z' is not"), "\(output.stderr)")
    }
}
