import Foundation
import Testing

/// Quiet hours through the binary: the shipped rules apply without asking, `--compliance-rules` replaces them,
/// and the contact export, the forecast and the simulate summary name the rule that holds contacts back.
@Suite("Compliance rules through the binary")
struct ComplianceCommandTests {
    /// 20:30–23:00 New York time every day: legal for New York (federal hours end at 21:00), never for Florida
    /// (its hours end at 20:00).
    static let lateWindow = """
        {
          "name": "Late", "agent": { "name": "Zara", "greeting": "Hi {{NAME}}" },
          "numberPool": ["+14155550100"],
          "window": { "start": "20:30", "end": "23:00", "timezone": "America/New_York",
                      "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] },
          "retry": { "maxAttempts": 2, "delayMinutes": 10 }
        }
        """

    static let anytime = """
        {"version": 1, "rules": [{"id": "anytime", "source": "test", "jurisdiction": "default", "hours": {
          "mon": ["00:00", "24:00"], "tue": ["00:00", "24:00"], "wed": ["00:00", "24:00"], "thu": ["00:00", "24:00"],
          "fri": ["00:00", "24:00"], "sat": ["00:00", "24:00"], "sun": ["00:00", "24:00"]}}]}
        """

    func lateCampaign(in folder: URL) throws -> (db: String, id: String) {
        let config = folder.appendingPathComponent("late.json")
        try Self.lateWindow.write(to: config, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("late.sqlite").path
        let created = try CLI.run(["campaign", "create", "--db", db, "--config", config.path], in: folder)
        #expect(created.status == 0, "\(created.stderr)")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let contacts = folder.appendingPathComponent("contacts.csv")
        try "phone_number,name\n+13055550100,Flo\n+12125550100,Ned\n".write(
            to: contacts, atomically: true, encoding: .utf8)
        let imported = try CLI.run(["import", contacts.path, "--db", db, "--campaign", id], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        return (db, id)
    }

    func simulate(_ db: String, _ id: String, in folder: URL, _ extra: [String] = []) throws -> CLI.Output {
        try CLI.run(
            [
                "simulate", "--db", db, "--campaign", id, "--from", "2026-03-09T12:00:00Z", "--until",
                "2026-03-12T12:00:00Z", "--json",
            ] + extra, in: folder)
    }

    @Test func aContactNoRuleEverAllowsIsNamedInEveryReport() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try lateCampaign(in: folder)
        let forecast = try CLI.run(
            ["forecast", "--db", db, "--campaign", id, "--from", "2026-03-09T12:00:00Z"], in: folder)
        #expect(forecast.status == 0, "\(forecast.stderr)")
        #expect(forecast.stdout.contains("compliance:us-fl  1"), "\(forecast.stdout)")
        let run = try simulate(db, id, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let calls = try CLI.run(["calls", "export", "--db", db, "--campaign", id], in: folder)
        #expect(!calls.stdout.contains("+13055550100"), "Florida is never called after 20:00")
        #expect(calls.stdout.contains("+12125550100"), "New York is, until 21:00")
        let export = try CLI.run(["contacts", "export", "--db", db, "--campaign", id], in: folder)
        let rows = export.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first?.hasSuffix(",variables,blocked_by") == true)
        #expect(rows.contains { $0.contains("+13055550100") && $0.contains("failed") && $0.hasSuffix(",us-fl") })
    }

    @Test func aReplacementRulesFileReplacesTheShippedOne() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try lateCampaign(in: folder)
        let rules = folder.appendingPathComponent("anytime.json")
        try Self.anytime.write(to: rules, atomically: true, encoding: .utf8)
        let run = try simulate(db, id, in: folder, ["--compliance-rules", rules.path])
        #expect(run.status == 0, "\(run.stderr)")
        let calls = try CLI.run(["calls", "export", "--db", db, "--campaign", id], in: folder)
        #expect(calls.stdout.contains("+13055550100"), "the replacement allows every hour")
    }

    @Test(arguments: [
        (#"{"version": 1, "rules": []}"#, "rules"),
        (
            #"{"version": 1, "rules": [{"id": "x", "source": "s", "jurisdiction": "default", "hours": {"mon": ["21:00", "08:00"]}}]}"#,
            "hours.mon"
        ),
        (#"{"version": 1, "rules": [], "extra": 1}"#, "extra"),
    ])
    func aBadRulesFileIsRefusedNamingTheProblem(_ text: String, _ named: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try lateCampaign(in: folder)
        let rules = folder.appendingPathComponent("bad.json")
        try text.write(to: rules, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let run = try simulate(db, id, in: folder, ["--compliance-rules", rules.path])
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("error: --compliance-rules") && run.stderr.contains(named), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "nothing ran")
        let folderRun = try simulate(db, id, in: folder, ["--compliance-rules", folder.path])
        #expect(folderRun.status != 0 && folderRun.stderr.contains("--compliance-rules"))
    }
}
