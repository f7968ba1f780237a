import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("outbound serve and outbound apikey, as a user runs them")
struct ServeCommandTests {
    @Test("serve --demo prints its URL and key, dials, answers the API, and exits 0 on SIGTERM")
    func demoServer() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try await ServeProcess.start(["--demo"], in: folder)
        let process = server.process
        defer { if process.isRunning { CLI.kill9(process) } }
        let printed = server.printed
        let url = server.url
        let key = try #require(printed.firstMatch(of: /API key: (ob_\S+)/)).output.1
        #expect(printed.contains("admin: admin@demo.outbound.test"))
        #expect(printed.contains("password: "))
        var request = URLRequest(url: try #require(URL(string: "\(url)/v1/campaigns/1")))
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        var status = ""
        for _ in 0..<100 {
            let (data, _) = try await URLSession.shared.data(for: request)
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            status = object?["status"] as? String ?? ""
            let completed = (object?["counts"] as? [String: Any])?["completed"] as? Int ?? 0
            if completed > 0 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(status == "running")
        // The demo's carrier has a rate: the answered calls are priced, so the cost figures have something to show.
        var statsRequest = URLRequest(url: try #require(URL(string: "\(url)/v1/campaigns/1/stats")))
        statsRequest.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        var cost = 0.0
        for _ in 0..<150 where cost == 0 {
            let (data, _) = try await URLSession.shared.data(for: statsRequest)
            cost = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["cost"] as? Double ?? 0
            if cost == 0 { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(cost > 0)
        #expect(await server.stop() == 0, "SIGTERM: a clean exit")
    }

    @Test("apikey create prints a key once, list shows its prefix, revoke stops it; bad input is refused")
    func apiKeys() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, _) = try await CLI.campaignWithContacts(in: folder, contacts: 1)
        let created = try CLI.run(["apikey", "create", "--db", db, "--role", "viewer", "--name", "ci"], in: folder)
        #expect(created.status == 0, "\(created.stderr)")
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("ob_") && key.count == 52)
        let listed = try CLI.run(["apikey", "list", "--db", db], in: folder)
        #expect(listed.stdout.contains(String(key.prefix(11))) && !listed.stdout.contains(key))
        #expect(listed.stdout.contains("viewer\tactive\tnever\tci"))
        let revoked = try CLI.run(["apikey", "revoke", "--db", db, "1"], in: folder)
        #expect(revoked.status == 0 && revoked.stdout.contains("revoked"))
        #expect(try CLI.run(["apikey", "list", "--db", db], in: folder).stdout.contains("\trevoked "))
        for arguments in [
            ["apikey", "create", "--db", db, "--role", "owner"], ["apikey", "revoke", "--db", db, "7"],
            ["apikey", "list", "--db", db, "--org", "nobody"],
            ["apikey", "list", "--db", folder.appendingPathComponent("missing.sqlite").path],
        ] {
            let refused = try CLI.run(arguments, in: folder)
            #expect(refused.status != 0 && refused.stderr.hasPrefix("error: "), "\(arguments)")
        }
    }
}
