import Foundation
import Testing

@Suite("outbound campaign list|show and calls list: the CLI can look")
struct CampaignLookCommandTests {
    @Test("list and show print status, lead counts and the next dial; a draft dials nothing until started")
    func listAndShow() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: 3)
        let list = try CLI.run(["campaign", "list", "--db", db], in: folder)
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true && lines.count == 2, "\(list.stdout)")
        #expect(lines.last?.contains("draft") == true && lines.last?.contains("  3  ") == true, "\(list.stdout)")

        let draft = try CLI.run(["campaign", "show", "--db", db, id, "--json"], in: folder)
        #expect(draft.status == 0, "\(draft.stderr)")
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(draft.stdout.utf8)) as? [String: Any])
        #expect(shown["status"] as? String == "draft")
        #expect((shown["counts"] as? [String: Int])?["total"] == 3)
        #expect(shown["nextDial"] == nil || shown["nextDial"] is NSNull)

        #expect(try CLI.run(["campaign", "start", "--db", db, id], in: folder).status == 0)
        let running = try CLI.run(["campaign", "show", "--db", db, id], in: folder)
        #expect(running.status == 0, "\(running.stderr)")
        #expect(running.stdout.contains("status     running"), "\(running.stdout)")
        #expect(running.stdout.contains("kpis       callsMade 0, reached 0"), "\(running.stdout)")
        let nextLine = running.stdout.split(separator: "\n").first { $0.hasPrefix("next dial") } ?? ""
        #expect(nextLine.hasSuffix("Z"), "a running campaign with due leads names an instant: \(running.stdout)")

        let filtered = try CLI.run(["campaign", "list", "--db", db, "--status", "paused"], in: folder)
        #expect(filtered.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "no campaigns", "\(filtered.stdout)")
        let bad = try CLI.run(["campaign", "list", "--db", db, "--status", "sleeping"], in: folder)
        #expect(bad.status != 0 && bad.stderr.contains("--status"), "\(bad.stderr)")
        let missing = try CLI.run(["campaign", "show", "--db", db, "999"], in: folder)
        #expect(missing.status != 0 && missing.stderr.contains("999"), "\(missing.stderr)")
    }

    @Test("calls list prints the first calls in queue order, as a table or as call-log rows")
    func callsList() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("demo.sqlite").path
        let demo = try CLI.run(["demo", "--db", db, "--days", "1"], in: folder)
        #expect(demo.status == 0, "\(demo.stderr)")
        let table = try CLI.run(["calls", "list", "--db", db, "--campaign", "1", "--limit", "5"], in: folder)
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 6 && lines[0].hasPrefix("CALL_ID"), "\(table.stdout)")
        let json = try CLI.run(
            ["calls", "list", "--db", db, "--campaign", "1", "--limit", "700", "--json"], in: folder)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]])
        let export = try CLI.run(["calls", "export", "--db", db, "--campaign", "1"], in: folder)
        let exported = export.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(rows.map { $0["call_id"] ?? "" } == Array(exported.prefix(700)))
        let shown = try CLI.run(["campaign", "show", "--db", db, "1", "--json"], in: folder)
        let overview = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let kpis = try #require(overview["kpis"] as? [String: String], "\(shown.stdout)")
        #expect(kpis["callsMade"] == "\(exported.count)", "the KPI counts every call of the log")
        let refused = try CLI.run(["calls", "list", "--db", db, "--campaign", "1", "--limit", "0"], in: folder)
        #expect(refused.status != 0 && refused.stderr.contains("--limit"), "\(refused.stderr)")
    }
}
