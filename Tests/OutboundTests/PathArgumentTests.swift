import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Every path argument is checked for what it is; nothing is deleted, replaced or created by a refusal")
struct PathArgumentTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let says: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// Placeholders: `DB` an Outbound database with draft campaign 1, `NEW` a path that does not exist, `CSV` a
    /// good contact file, `DIR` a folder, `FIFO` a named pipe nobody writes to, `FOREIGN` and `FOREIGN_WAL` another
    /// program's SQLite files, `EMPTY` an empty file, `TEXT` a text file, `KEEP` an unrelated file, `JSON` a good
    /// settings document, `NODIR` a path in a folder that does not exist.
    static let cases: [Case] = [
        Case(arguments: ["import", "CSV", "--db", "DB", "--campaign", "1", "--errors", "DIR"], says: "is a folder"),
        Case(arguments: ["import", "CSV", "--db", "DB", "--campaign", "1", "--errors", "."], says: "is a folder"),
        Case(arguments: ["import", "CSV", "--db", "DB", "--campaign", "1", "--errors", ""], says: "--errors"),
        Case(arguments: ["import", "CSV", "--db", "DB", "--campaign", "1", "--errors", "DB"], says: "the --db"),
        Case(arguments: ["import", "CSV", "--db", "DB", "--campaign", "1", "--errors", "CSV"], says: "input file"),
        Case(
            arguments: ["import", "CSV", "--db", "DB", "--campaign", "1", "--errors", "KEEP"], says: "already exists"),
        Case(
            arguments: ["import", "CSV", "--db", "DB", "--campaign", "1", "--errors", "FIFO"], says: "already exists"),
        Case(arguments: ["import", "CSV", "--db", "DB", "--campaign", "1", "--errors", "NODIR"], says: "no folder"),
        Case(arguments: ["import", "FIFO", "--db", "DB", "--campaign", "1"], says: "FIFO"),
        Case(arguments: ["import", "DIR", "--db", "DB", "--campaign", "1"], says: "is a folder"),
        Case(arguments: ["import", "/dev/zero", "--db", "DB", "--campaign", "1"], says: "device"),
        Case(arguments: ["import", "NEW", "--db", "DB", "--campaign", "1"], says: "no such file"),
        Case(arguments: ["import", "CSV", "--db", "FOREIGN", "--campaign", "1"], says: "not an Outbound database"),
        Case(arguments: ["calls", "export", "--db", "FOREIGN"], says: "not an Outbound database"),
        Case(arguments: ["calls", "export", "--db", "FOREIGN_WAL"], says: "not an Outbound database"),
        Case(arguments: ["calls", "export", "--db", "EMPTY"], says: "empty"),
        Case(arguments: ["calls", "export", "--db", "TEXT"], says: "not a SQLite database"),
        Case(arguments: ["calls", "export", "--db", "DIR"], says: "is a folder"),
        Case(arguments: ["calls", "export", "--db", "FIFO"], says: "FIFO"),
        Case(arguments: ["calls", "export", "--db", "/dev/null"], says: "device"),
        Case(arguments: ["contacts", "export", "--db", "FOREIGN", "--campaign", "1"], says: "not an Outbound"),
        Case(arguments: ["campaign", "create", "--db", "FOREIGN", "--config", "JSON"], says: "not an Outbound"),
        Case(arguments: ["campaign", "create", "--db", "EMPTY", "--config", "JSON"], says: "empty"),
        Case(arguments: ["campaign", "create", "--db", "DIR", "--config", "JSON"], says: "is a folder"),
        Case(arguments: ["campaign", "create", "--db", "NODIR", "--config", "JSON"], says: "no folder"),
        Case(arguments: ["campaign", "create", "--db", "NEW", "--config", "DIR"], says: "is a folder"),
        Case(arguments: ["campaign", "create", "--db", "NEW", "--config", "FIFO"], says: "FIFO"),
        Case(arguments: ["campaign", "create", "--db", "NEW", "--config", "/dev/zero"], says: "device"),
        Case(arguments: ["campaign", "edit", "--db", "DB", "1", "--config", "FIFO"], says: "FIFO"),
        Case(arguments: ["campaign", "start", "--db", "FOREIGN", "1"], says: "not an Outbound database"),
        Case(arguments: ["contacts", "template", "--config", "FIFO"], says: "FIFO"),
        Case(
            arguments: [
                "simulate", "--db", "FOREIGN", "--campaign", "1", "--from", "2026-03-09T00:00:00Z", "--until",
                "2026-03-10T00:00:00Z",
            ], says: "not an Outbound database"),
        Case(arguments: ["forecast", "--db", "FOREIGN", "--campaign", "1"], says: "not an Outbound database"),
        Case(arguments: ["org", "limit", "--db", "FOREIGN", "--max-concurrency", "5"], says: "not an Outbound"),
        Case(arguments: ["demo", "--db", "DB", "--days", "1"], says: "not a database the demo created"),
        Case(arguments: ["demo", "--db", "FOREIGN", "--days", "1"], says: "not a database the demo created"),
        Case(arguments: ["demo", "--db", "KEEP", "--days", "1"], says: "not a database the demo created"),
        Case(arguments: ["demo", "--db", "DIR", "--days", "1"], says: "is a folder"),
        Case(arguments: ["demo", "--db", "FIFO", "--days", "1"], says: "FIFO"),
        Case(arguments: ["bench", "import", "--rows", "3", "--keep", "KEEP"], says: "already exists"),
        Case(arguments: ["bench", "import", "--rows", "3", "--keep", "DB"], says: "already exists"),
        Case(arguments: ["bench", "import", "--rows", "3", "--keep", "DIR"], says: "is a folder"),
    ]

    @Test(arguments: cases)
    func refusesAndTouchesNothing(_ testCase: Case) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try Self.prepare(folder)
        let arguments = testCase.arguments.map { paths[$0] ?? $0 }
        let before = CLI.snapshot(of: folder)
        let (output, timedOut) = try CLI.run(arguments, in: folder, timeout: 60)
        #expect(!timedOut, "the command hung")
        #expect(output.status != 0)
        #expect(output.stderr.split(separator: "\n").count == 1, "one line, got: \(output.stderr)")
        #expect(output.stderr.hasPrefix("error: "))
        #expect(output.stderr.contains(testCase.says), "stderr: \(output.stderr)")
        #expect(output.stdout.isEmpty, "stdout: \(output.stdout)")
        let after = CLI.snapshot(of: folder)
        #expect(after.keys.sorted() == before.keys.sorted(), "nothing created or deleted")
        for (name, entry) in before where after[name] != entry {
            Issue.record("\(name) changed")
        }
    }

    /// Builds the placeholders' files in `folder`; the map from placeholder to path.
    static func prepare(_ folder: URL) throws -> [String: String] {
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        try CLI.settingsJSON.write(toFile: path("good.json"), atomically: true, encoding: .utf8)
        let created = try CLI.run(
            ["campaign", "create", "--db", path("db.sqlite"), "--config", "good.json"], in: folder)
        guard created.status == 0 else { throw CLI.CommandError(output: created) }
        try "phone_number,name\n+14155550123,Ann\n".write(
            toFile: path("contacts.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: path("dir"), withIntermediateDirectories: false)
        guard mkfifo(path("fifo"), 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
        try CLI.sqlite3(path("foreign.sqlite"), "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        try CLI.sqlite3(
            path("foreign-wal.sqlite"),
            "PRAGMA journal_mode=WAL; CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        chmod(path("foreign.sqlite"), 0o640)
        guard FileManager.default.createFile(atPath: path("empty.sqlite"), contents: Data()) else {
            throw CocoaError(.fileWriteUnknown)
        }
        try "hello, not a database\n".write(toFile: path("text.txt"), atomically: true, encoding: .utf8)
        try "precious\n".write(toFile: path("keep.csv"), atomically: true, encoding: .utf8)
        return [
            "DB": path("db.sqlite"), "NEW": path("new.sqlite"), "CSV": path("contacts.csv"), "DIR": path("dir"),
            "FIFO": path("fifo"), "FOREIGN": path("foreign.sqlite"), "FOREIGN_WAL": path("foreign-wal.sqlite"),
            "EMPTY": path("empty.sqlite"), "TEXT": path("text.txt"), "KEEP": path("keep.csv"),
            "JSON": path("good.json"), "NODIR": path("missing/out.sqlite"),
        ]
    }
}
