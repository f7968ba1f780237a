import CampaignStore
import Foundation
import Testing

@Suite("Every command refuses bad input with one line, a non-zero exit, and nothing written")
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let says: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// `DB` stands for an existing database with draft campaign 1; `NEW` for a path that does not exist yet.
    static let cases: [Case] = [
        Case(arguments: ["campaign", "create", "--db", "NEW", "--config", "missing.json"], says: "cannot read"),
        Case(
            arguments: ["campaign", "create", "--db", "NEW", "--config", "unknown-key.json"],
            says: "settings key 'window.foo': unknown key"),
        Case(arguments: ["campaign", "create", "--db", "NEW", "--config", "not-json.json"], says: "not valid JSON"),
        Case(
            arguments: ["campaign", "create", "--db", "postgres://localhost/x", "--config", "good.json"],
            says: "PostgreSQL"),
        Case(arguments: ["campaign", "create", "--config", "good.json"], says: "--db"),
        Case(arguments: ["campaign", "start", "--db", "NEW", "1"], says: "no database"),
        Case(arguments: ["campaign", "start", "--db", "DB", "999"], says: "campaign 999 not found"),
        Case(arguments: ["campaign", "start", "--db", "DB", "abc"], says: "not a positive number"),
        Case(arguments: ["campaign", "pause", "--db", "DB", "1"], says: "cannot pause a draft campaign"),
        Case(arguments: ["campaign", "resume", "--db", "DB", "1"], says: "cannot resume a draft campaign"),
        Case(arguments: ["campaign", "restart", "--db", "DB", "1"], says: "cannot restart a draft campaign"),
        Case(arguments: ["campaign", "clone", "--db", "DB", "42"], says: "campaign 42 not found"),
        Case(
            arguments: [
                "simulate", "--db", "DB", "--campaign", "1", "--from", "yesterday", "--until",
                "2026-03-10T00:00:00Z",
            ], says: "--from: 'yesterday'"),
        Case(
            arguments: [
                "simulate", "--db", "DB", "--campaign", "1", "--from", "2026-03-10T00:00:00Z", "--until",
                "2026-03-09T00:00:00Z",
            ], says: "--until must be after --from"),
        Case(
            arguments: [
                "simulate", "--db", "DB", "--campaign", "7", "--from", "2026-03-09T00:00:00Z", "--until",
                "2026-03-10T00:00:00Z",
            ], says: "campaign 7 not found"),
        Case(
            arguments: [
                "simulate", "--db", "NEW", "--campaign", "1", "--from", "2026-03-09T00:00:00Z", "--until",
                "2026-03-10T00:00:00Z",
            ], says: "no database"),
        Case(arguments: ["simulate", "--db", "DB", "--campaign", "1"], says: "--from"),
        Case(arguments: ["calls", "export", "--db", "NEW"], says: "no database"),
        Case(arguments: ["calls", "export", "--db", "DB", "--campaign", "5"], says: "campaign 5 not found"),
        Case(arguments: ["demo", "--days", "0", "--db", "NEW"], says: "--days"),
        Case(arguments: ["frobnicate"], says: "frobnicate"),
        Case(
            arguments: ["org", "limit", "--db", "DB", "--org", "acme", "--max-concurrency", "5"],
            says: "no organisation named 'acme'"),
        Case(arguments: ["org", "limit", "--db", "DB", "--max-concurrency", "0"], says: "--max-concurrency"),
        Case(
            arguments: ["org", "carrier", "--db", "DB", "--name", "t", "--cps", "2", "--numbers", "123"],
            says: "not an E.164 number"),
        Case(arguments: ["campaign", "exclude", "--db", "DB", "1", "12345"], says: "not an E.164 number"),
        Case(
            arguments: ["campaign", "edit", "--db", "DB", "1", "--config", "unknown-key.json"],
            says: "settings key 'window.foo'"),
        Case(arguments: ["forecast", "--db", "DB", "--campaign", "9"], says: "campaign 9 not found"),
    ]

    @Test(arguments: cases)
    func refuses(_ testCase: Case) async throws {
        let folder = try CLI.temporaryFolder()
        try CLI.settingsJSON.write(to: folder.appendingPathComponent("good.json"), atomically: true, encoding: .utf8)
        try CLI.settingsJSON.replacingOccurrences(of: "\"timezone\": \"recipient\"", with: "\"foo\": 1")
            .write(to: folder.appendingPathComponent("unknown-key.json"), atomically: true, encoding: .utf8)
        try "{ name: ".write(to: folder.appendingPathComponent("not-json.json"), atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("db.sqlite").path
        let created = try CLI.run(["campaign", "create", "--db", db, "--config", "good.json"], in: folder)
        #expect(created.status == 0 && created.stdout == "1\n")
        let before = try CLI.run(["calls", "export", "--db", db], in: folder)

        let fresh = folder.appendingPathComponent("new.sqlite").path
        let arguments = testCase.arguments.map { $0 == "DB" ? db : $0 == "NEW" ? fresh : $0 }
        let output = try CLI.run(arguments, in: folder)
        #expect(output.status != 0)
        let lines = output.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line, got: \(output.stderr)")
        #expect(output.stderr.hasPrefix("error: "))
        #expect(output.stderr.contains(testCase.says), "stderr: \(output.stderr)")
        #expect(output.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fresh), "no database was created")
        let store = try await SQLCampaignStore.openSQLite(path: db)
        let campaign = try await store.campaign(id: 1)
        let campaigns = try await store.campaign(id: 2)
        try await store.close()
        #expect(campaign?.status == .draft, "campaign 1 is still a draft")
        #expect(campaigns == nil, "no campaign was added")
        let after = try CLI.run(["calls", "export", "--db", db], in: folder)
        #expect(after.stdout == before.stdout, "no call was written")
        try? FileManager.default.removeItem(at: folder)
    }
}
