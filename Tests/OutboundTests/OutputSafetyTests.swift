import CampaignStore
import Foundation
import Testing

@Suite("Write failures, option values and summaries say what happened, in one line")
struct OutputSafetyTests {
    /// `DB` stands for a database with draft campaign 1 and 5 contacts, `JSON` for its settings document.
    static let writers: [[String]] = [
        ["calls", "export", "--db", "DB"],
        ["contacts", "export", "--db", "DB", "--campaign", "1"],
        ["contacts", "template", "--config", "JSON"],
        ["campaign", "clone", "--db", "DB", "1"],
        ["forecast", "--db", "DB", "--campaign", "1", "--days", "1", "--from", "2026-03-09T13:00:00Z"],
        ["calls", "--help"],
    ]

    @Test(arguments: writers)
    func aFullStandardOutputIsAOneLineErrorNotATrap(_ arguments: [String]) async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, _) = try await CLI.campaignWithContacts(in: folder, contacts: 5)
        let config = folder.appendingPathComponent("campaign.json").path
        let (output, timedOut) = try CLI.run(
            arguments.map { $0 == "DB" ? db : $0 == "JSON" ? config : $0 }, in: folder, stdoutPath: "/dev/full",
            timeout: 120)
        #expect(!timedOut)
        #expect(output.status == 1, "exit \(output.status), stderr: \(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1, "one line, got: \(output.stderr)")
        #expect(output.stderr.hasPrefix("error: standard output: "), "stderr: \(output.stderr)")
        #expect(output.stderr.contains("No space left on device"), "stderr: \(output.stderr)")
    }

    struct OptionCase: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let says: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let negatives: [OptionCase] = [
        OptionCase(
            arguments: [
                "simulate", "--db", "DB", "--campaign", "1", "--from", "2026-03-09T13:00:00Z", "--until",
                "2026-03-10T00:00:00Z", "--seed", "-5",
            ], says: "--seed"),
        OptionCase(
            arguments: ["simulate", "--db", "DB", "--campaign", "-1", "--from", "x", "--until", "y"], says: "--campaign"
        ),
        OptionCase(arguments: ["bench", "import", "--rows", "-3"], says: "--rows must be"),
        OptionCase(arguments: ["bench", "import", "--repeat", "-1"], says: "--repeat must be"),
        OptionCase(arguments: ["bench", "engine", "--contacts", "-1"], says: "--contacts must be"),
        OptionCase(arguments: ["demo", "--db", "NEW", "--days", "-2"], says: "--days must be"),
        OptionCase(arguments: ["demo", "--db", "NEW", "--seed", "-2"], says: "--seed"),
        OptionCase(arguments: ["forecast", "--db", "DB", "--campaign", "1", "--days", "-1"], says: "--days must be"),
        OptionCase(arguments: ["import", "CSV", "--db", "DB", "--campaign", "-4"], says: "--campaign"),
        OptionCase(arguments: ["contacts", "export", "--db", "DB", "--campaign", "-4"], says: "--campaign"),
        OptionCase(arguments: ["calls", "export", "--db", "DB", "--campaign", "-4"], says: "--campaign"),
        OptionCase(arguments: ["org", "limit", "--db", "DB", "--max-concurrency", "-5"], says: "--max-concurrency"),
        OptionCase(arguments: ["org", "carrier", "--db", "DB", "--name", "t", "--cps", "-1"], says: "--cps"),
    ]

    @Test(arguments: negatives)
    func aNegativeValueReachesTheRangeCheckNamingTheOption(_ testCase: OptionCase) async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, _) = try await CLI.campaignWithContacts(in: folder, contacts: 1)
        let csv = folder.appendingPathComponent("contacts.csv")
        try "phone_number\n+14155550123\n".write(to: csv, atomically: true, encoding: .utf8)
        let fresh = folder.appendingPathComponent("new.sqlite").path
        let arguments = testCase.arguments.map { $0 == "DB" ? db : $0 == "NEW" ? fresh : $0 == "CSV" ? csv.path : $0 }
        let (output, timedOut) = try CLI.run(arguments, in: folder, timeout: 60)
        #expect(!timedOut)
        #expect(output.status != 0)
        #expect(!output.stderr.contains("Missing value"), "stderr: \(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1, "one line, got: \(output.stderr)")
        #expect(output.stderr.contains(testCase.says), "stderr: \(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    @Test func aSimulationWithNothingLeftToRunReportsNoSimulatedTime() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: 10)
        let arguments = [
            "simulate", "--db", db, "--campaign", id, "--from", "2026-03-09T13:00:00Z", "--until",
            "2026-03-09T16:00:00Z",
        ]
        let first = try CLI.run(arguments + ["--json"], in: folder)
        let ran = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(ran["simulatedHours"] as? Double == 3)
        let again = try CLI.run(arguments + ["--json"], in: folder)
        let idle = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(idle["simulatedHours"] as? Double == 0, "\(again.stdout)")
        #expect(idle["simulatedFrom"] as? String == "2026-03-09T16:00:00Z")
        let table = try CLI.run(arguments, in: folder)
        #expect(table.stdout.contains("(0.0 h"), "\(table.stdout)")
        #expect(!table.stdout.contains("(3.0 h"), "\(table.stdout)")
    }

    @Test func theSummarySpeaksTheExportsOutcomeVocabulary() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: 60)
        let output = try CLI.run(
            [
                "simulate", "--db", db, "--campaign", id, "--from", "2026-03-09T13:00:00Z", "--until",
                "2026-03-20T00:00:00Z", "--seed", "5",
            ], in: folder)
        #expect(output.status == 0)
        let export = try CLI.run(["calls", "export", "--db", db], in: folder).stdout
        var exported: [String: Int] = [:]
        for line in export.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let key = cells[13] == "answered" ? "answered (\(cells[14]))" : cells[13]
            exported[key, default: 0] += 1
        }
        #expect(exported["answered (machine)", default: 0] > 0, "the model leaves machine answers")
        var summarised: [String: Int] = [:]
        for line in output.stdout.split(separator: "\n") where line.hasPrefix("  outcome ") {
            let text = line.dropFirst("  outcome ".count).trimmingCharacters(in: .whitespaces)
            guard let split = text.lastIndex(of: " "),
                let count = Int(text[split...].trimmingCharacters(in: .whitespaces))
            else { continue }
            summarised[text[..<split].trimmingCharacters(in: .whitespaces)] = count
        }
        #expect(summarised == exported, "summary: \(output.stdout)")
        #expect(!output.stdout.contains("voicemail"))
    }
}
