import CampaignCore
import CampaignStore
import ContactImport
import Foundation
import Testing

@Suite("outbound import")
struct ImportCommandTests {
    @Test func importsAMessyFileAndReportsTheCounts() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try ContactFiles.draft(in: folder)
        let file = try ContactFiles.write(ContactFiles.messy, "messy.csv", in: folder)

        let text = try CLI.run(["import", file, "--db", db, "--campaign", id], in: folder)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stderr.isEmpty, "no progress bar when standard error is not a terminal")
        let lines = Set(text.stdout.split(separator: "\n").map(String.init))
        #expect(lines.isSuperset(of: ["read: 9", "imported: 4", "duplicates: 1", "rejected: 4", "warnings: 3"]))

        let again = try CLI.run(["import", file, "--db", db, "--campaign", id, "--json"], in: folder)
        #expect(again.status == 0 && again.stderr.isEmpty)
        let json = try ContactFiles.json(again.stdout)
        #expect(json["read"] as? Int == 9)
        #expect(json["imported"] as? Int == 4, "a draft's list is replaced, so nothing counts twice")
        #expect(json["duplicates"] as? Int == 1)
        #expect(json["rejected"] as? Int == 4)
        #expect(try ContactFiles.export(db: db, id: id, in: folder).count == 5)

        let appended = try CLI.run(["import", file, "--db", db, "--campaign", id, "--json", "--append"], in: folder)
        let counts = try ContactFiles.json(appended.stdout)
        #expect(counts["imported"] as? Int == 0 && counts["duplicates"] as? Int == 5, "all already in the campaign")
        let other = try ContactFiles.write("Phone Number\n(415) 555-0177\n", "more.csv", in: folder)
        let more = try CLI.run(["import", other, "--db", db, "--campaign", id, "--append", "--json"], in: folder)
        #expect(try ContactFiles.json(more.stdout)["imported"] as? Int == 1)
        #expect(try ContactFiles.export(db: db, id: id, in: folder).count == 6)
    }

    @Test func theErrorFileListsEveryRejectedRowAndWarningWithItsLineAndColumn() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try ContactFiles.draft(in: folder)
        let file = try ContactFiles.write(ContactFiles.messy, "messy.csv", in: folder)
        let errors = folder.appendingPathComponent("errors.csv")
        let output = try CLI.run(["import", file, "--db", db, "--campaign", id, "--errors", errors.path], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let records = ContactFiles.parseCSV(try String(contentsOf: errors, encoding: .utf8))
        #expect(records.first == ["line", "column", "reason"])
        let rows = records.dropFirst().map { ($0[0], $0[1], $0[2]) }
        #expect(rows.map(\.0) == ["4", "5", "6", "8", "9", "10", "11"])
        #expect(
            rows.map(\.1) == [
                "phone_number", "phone_number", "phone_number_2", "phone_number", "timezone", "phone_number",
                "phone_number",
            ])
        #expect(rows[0].2.contains("contains letters"))
        #expect(rows[1].2 == "warning: duplicate: +14155550100 is already the number of line 2; merged, not imported")
        #expect(rows[2].2 == "warning: +14155550101 is already a number of line 3; left out of this contact")
        #expect(rows[3].2.contains("extension"))
        #expect(rows[4].2.hasPrefix("warning: ") && rows[4].2.contains("Mars/Olympus"))
        #expect(rows[5].2.contains("no phone number"))
        #expect(rows[6].2.contains("too short"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".partial")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func refusesAFileOverTheRowLimitBeforeWritingAnything() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try ContactFiles.draft(in: folder)
        let small = try ContactFiles.write("phone_number\n4155550123\n", "small.csv", in: folder)
        #expect(try CLI.run(["import", small, "--db", db, "--campaign", id], in: folder).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))

        let big = folder.appendingPathComponent("big.csv")
        try Data(("phone_number\n" + String(repeating: "4155550100\n", count: 500_001)).utf8).write(to: big)
        let errors = folder.appendingPathComponent("errors.csv").path
        let output = try CLI.run(
            ["import", big.path, "--db", db, "--campaign", id, "--errors", errors], in: folder)
        #expect(output.status != 0)
        #expect(output.stderr.hasPrefix("error: ") && output.stderr.split(separator: "\n").count == 1)
        #expect(output.stderr.contains("500001 data rows; the limit is 500000 rows"), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "the database is untouched")
        #expect(!FileManager.default.fileExists(atPath: errors))

        let huge = folder.appendingPathComponent("huge.csv")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: Data("phone_number\n".utf8)))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 100 * 1024 * 1024 + 1)
        try handle.close()
        let tooBig = try CLI.run(["import", huge.path, "--db", db, "--campaign", id], in: folder)
        #expect(tooBig.status != 0 && tooBig.stderr.split(separator: "\n").count == 1)
        #expect(tooBig.stderr.contains("the limit is 104857600 bytes (100 MB)"), "\(tooBig.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test func aFileThatBreaksHalfwayImportsNothing() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try ContactFiles.draft(in: folder)
        let good = try ContactFiles.write("phone_number\n4155550123\n4155550124\n", "good.csv", in: folder)
        #expect(try CLI.run(["import", good, "--db", db, "--campaign", id], in: folder).status == 0)
        let before = try ContactFiles.export(db: db, id: id, in: folder)

        let rows = (0..<3000).map { "+1312555\(String(format: "%04d", $0)),Name \($0)" }
        let broken = "phone_number,name\n" + rows.joined(separator: "\n") + "\n+13125559999,\"never closed\n"
        let file = try ContactFiles.write(broken, "broken.csv", in: folder)
        for extra in [[], ["--append"]] {
            let output = try CLI.run(["import", file, "--db", db, "--campaign", id] + extra, in: folder)
            #expect(output.status != 0)
            #expect(output.stderr.hasPrefix("error: ") && output.stderr.contains("never closed"), "\(output.stderr)")
            #expect(output.stdout.isEmpty)
            #expect(try ContactFiles.export(db: db, id: id, in: folder) == before, "all or nothing")
        }
    }

    @Test func aCampaignThatHasRunIsLockedExceptForAppendsToAnAlwaysOnOne() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try ContactFiles.draft(in: folder)
        let file = try ContactFiles.write("phone_number\n4155550123\n", "one.csv", in: folder)
        let second = try ContactFiles.write("phone_number\n4155550199\n", "two.csv", in: folder)
        #expect(try CLI.run(["import", file, "--db", db, "--campaign", id], in: folder).status == 0)
        #expect(try CLI.run(["campaign", "start", "--db", db, id], in: folder).status == 0)
        for extra in [[], ["--append"]] {
            let output = try CLI.run(["import", second, "--db", db, "--campaign", id] + extra, in: folder)
            #expect(output.status != 0 && output.stdout.isEmpty)
            #expect(output.stderr.split(separator: "\n").count == 1)
            #expect(output.stderr.contains("locked"), "\(output.stderr)")
            #expect(output.stderr.contains("outbound campaign clone --db \(db) \(id)"), "\(output.stderr)")
        }
        #expect(try ContactFiles.export(db: db, id: id, in: folder).count == 2)

        let alwaysOn = ContactFiles.settingsJSON.replacingOccurrences(
            of: "\"numberPool\"", with: "\"mode\": \"always-on\", \"numberPool\"")
        let (_, live) = try ContactFiles.draft(in: folder, settings: alwaysOn)
        #expect(try CLI.run(["import", file, "--db", db, "--campaign", live], in: folder).status == 0)
        #expect(try CLI.run(["campaign", "start", "--db", db, live], in: folder).status == 0)
        let replace = try CLI.run(["import", second, "--db", db, "--campaign", live], in: folder)
        #expect(replace.status != 0 && replace.stderr.contains("--append"), "\(replace.stderr)")
        let append = try CLI.run(["import", second, "--db", db, "--campaign", live, "--append", "--json"], in: folder)
        #expect(append.status == 0, "\(append.stderr)")
        #expect(try ContactFiles.json(append.stdout)["imported"] as? Int == 1)
        #expect(try ContactFiles.export(db: db, id: live, in: folder).count == 3)
    }

    @Test func aMappedColumnFeedsTheAgentsVariable() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try ContactFiles.draft(in: folder)
        let file = try ContactFiles.write(
            "phone_number,Customer Name,Ticket\n4155550123,Ada,T-1\n", "mapped.csv", in: folder)
        let output = try CLI.run(
            [
                "import", file, "--db", db, "--campaign", id, "--map", "Customer Name=NAME", "--map",
                "ticket=case number",
            ],
            in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let row = try #require(try ContactFiles.export(db: db, id: id, in: folder).dropFirst().first)
        let variables = try ContactFiles.json(row[6])
        #expect(variables["NAME"] as? String == "Ada" && variables["CUSTOMER_NAME"] as? String == "Ada")
        #expect(variables["CASE_NUMBER"] as? String == "T-1")
    }

    @Test func aNumberWithoutAZoneTakesTheCampaignDefaultThenTheWindowZoneThenUTC() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try ContactFiles.write(
            "phone_number,timezone\n+800 1234 5678,\n(415) 555-0123,\n+44 20 7946 0958,Asia/Tokyo\n", "zones.csv",
            in: folder)
        let settings = [
            "Europe/Berlin": ContactFiles.settingsJSON.replacingOccurrences(
                of: "\"numberPool\"", with: "\"defaultTimezone\": \"Europe/Berlin\", \"numberPool\""),
            "America/Chicago": ContactFiles.settingsJSON.replacingOccurrences(
                of: "\"timezone\": \"recipient\"", with: "\"timezone\": \"America/Chicago\""),
            "Etc/UTC": ContactFiles.settingsJSON,
        ]
        for (zone, document) in settings {
            let (db, id) = try ContactFiles.draft(in: folder, settings: document)
            #expect(try CLI.run(["import", file, "--db", db, "--campaign", id], in: folder).status == 0)
            let rows = try ContactFiles.export(db: db, id: id, in: folder).dropFirst().map { [$0[3], $0[4], $0[5]] }
            #expect(
                rows == [
                    ["+80012345678", zone, "default"], ["+14155550123", "America/Los_Angeles", "number"],
                    ["+442079460958", "Asia/Tokyo", "column"],
                ], "\(zone)")
        }
    }

    @Test func theImportBenchmarkPrintsItsFigures() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = folder.appendingPathComponent("bench.csv").path
        let output = try CLI.run(["bench", "import", "--rows", "3000", "--keep", kept], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        var figures: [String: String] = [:]
        for line in output.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { figures[parts[0]] = parts[1] }
        }
        #expect(figures["rows"] == "3000" && figures["read"] == "3000")
        for key in ["import_seconds", "sqlite3_import_seconds", "ratio", "peak_rss_mb", "validate_seconds"] {
            #expect(Double(figures[key] ?? "") ?? 0 > 0, "\(key)")
        }
        let imported = Int(figures["imported"] ?? "") ?? 0
        let duplicates = Int(figures["duplicates"] ?? "") ?? 0
        let rejected = Int(figures["rejected"] ?? "") ?? 0
        #expect(imported > 2500 && duplicates > 0 && rejected > 0 && imported + duplicates + rejected == 3000)
        let lineFeeds = try Data(contentsOf: URL(fileURLWithPath: kept)).filter { $0 == 0x0A }.count
        #expect(lineFeeds > 3001, "the generated file is kept, with line breaks inside quoted fields")
    }

    /// The store keeps line types as letters; every type the importer can produce must have its own.
    @Test func everyPhoneNumberTypeHasAStoredLetter() {
        let types = PhoneNumberType.allCases.map(\.rawValue)
        let letters = LineTypeCodes.encode(types)
        #expect(Set(letters).count == types.count)
        #expect(LineTypeCodes.decode(letters) == types)
    }

    @Test func perAlternateVariablesAndLineTypesAreStored() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try ContactFiles.draft(in: folder)
        let file = try ContactFiles.write(ContactFiles.messy, "messy.csv", in: folder)
        #expect(try CLI.run(["import", file, "--db", db, "--campaign", id], in: folder).status == 0)
        let query = Process()
        query.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        query.arguments = ["sqlite3", db, "SELECT number_variables, number_types FROM leads WHERE source_line = 2"]
        let pipe = Pipe()
        query.standardOutput = pipe
        try query.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        query.waitUntilExit()
        #expect(
            text.trimmingCharacters(in: .whitespacesAndNewlines)
                == #"[{},{"NAME":"Ann work"}]|BF"#, "line types are stored as one letter per number (LineTypeCodes)")
    }
}

@Suite("outbound import and contacts refuse bad input with one line, a non-zero exit and nothing written")
struct ImportBadInputTests {
    typealias Case = BadInputTests.Case

    /// `DB` is a database whose draft campaign 1 holds two contacts; `NEW` a path that does not exist yet.
    static let cases: [Case] = [
        Case(arguments: ["import", "missing.csv", "--db", "DB", "--campaign", "1"], says: "missing.csv: no such file"),
        Case(arguments: ["import", "good.csv", "--db", "NEW", "--campaign", "1"], says: "no database"),
        Case(arguments: ["import", "good.csv", "--db", "DB", "--campaign", "9"], says: "campaign 9 not found"),
        Case(arguments: ["import", "good.csv", "--db", "DB", "--campaign", "x"], says: "--campaign"),
        Case(arguments: ["import", "good.csv", "--db", "DB"], says: "--campaign"),
        Case(arguments: ["import", "no-phone.csv", "--db", "DB", "--campaign", "1"], says: "no phone column"),
        Case(arguments: ["import", "empty.csv", "--db", "DB", "--campaign", "1"], says: "empty"),
        Case(arguments: ["import", "utf16.csv", "--db", "DB", "--campaign", "1"], says: "UTF-16"),
        Case(
            arguments: ["import", "good.csv", "--db", "DB", "--campaign", "1", "--region", "XX"],
            says: "unknown region code XX"),
        Case(
            arguments: ["import", "good.csv", "--db", "DB", "--campaign", "1", "--map", "nonsense"],
            says: "--map: expected COLUMN=VARIABLE"),
        Case(
            arguments: ["import", "good.csv", "--db", "DB", "--campaign", "1", "--map", "Nope=NAME"],
            says: "--map: the file has no column NOPE"),
        Case(
            arguments: ["import", "good.csv", "--db", "DB", "--campaign", "1", "--map", "city=FOO"],
            says: "--map: the agent uses no variable FOO"),
        Case(
            arguments: ["import", "good.csv", "--db", "DB", "--campaign", "1", "--errors", "no/such/dir/e.csv"],
            says: "--errors: cannot write"),
        Case(arguments: ["contacts", "export", "--db", "DB", "--campaign", "5"], says: "campaign 5 not found"),
        Case(arguments: ["contacts", "export", "--db", "NEW", "--campaign", "1"], says: "no database"),
        Case(arguments: ["contacts", "template"], says: "--db and --campaign (or --config)"),
        Case(arguments: ["contacts", "template", "--config", "missing.json"], says: "cannot read"),
        Case(arguments: ["contacts", "template", "--db", "DB", "--campaign", "4"], says: "campaign 4 not found"),
    ]

    @Test(arguments: cases)
    func refuses(_ testCase: Case) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try ContactFiles.draft(in: folder)
        #expect(id == "1")
        ContactFiles.writeAll(
            [
                "good.csv": "phone_number,city\n4155550123,Austin\n4155550124,Boston\n",
                "no-phone.csv": "name,email\nAda,ada@example.com\n", "empty.csv": "",
            ], in: folder)
        try Data([0xFF, 0xFE, 0x70, 0x00, 0x0A, 0x00]).write(to: folder.appendingPathComponent("utf16.csv"))
        #expect(try CLI.run(["import", "good.csv", "--db", db, "--campaign", id], in: folder).status == 0)
        let before = try ContactFiles.export(db: db, id: id, in: folder)

        let fresh = folder.appendingPathComponent("new.sqlite").path
        let arguments = testCase.arguments.map { $0 == "DB" ? db : $0 == "NEW" ? fresh : $0 }
        let output = try CLI.run(arguments, in: folder)
        #expect(output.status != 0)
        #expect(
            output.stderr.hasPrefix("error: ") && output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
        #expect(output.stderr.contains(testCase.says), "stderr: \(output.stderr)")
        #expect(output.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fresh), "no database was created")
        #expect(try ContactFiles.export(db: db, id: id, in: folder) == before, "the contacts are unchanged")
    }
}
