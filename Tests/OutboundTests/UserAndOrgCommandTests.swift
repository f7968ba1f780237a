import Foundation
import Testing

@Suite("outbound user and --org on every command, as a user runs them")
struct UserAndOrgCommandTests {
    @Test("user create prints a password once; list shows no hash; remove refuses the last admin")
    func users() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("users.sqlite").path
        let org = try CLI.run(
            ["org", "create", "--db", db, "--name", "Acme", "--admin", "ops@acme.example"], in: folder)
        #expect(org.status == 0, "\(org.stderr)")
        let created = try CLI.run(
            ["user", "create", "--db", db, "--email", "Ann@Acme.example", "--role", "operator", "--json"], in: folder)
        #expect(created.status == 0, "\(created.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
        #expect(json?["email"] as? String == "ann@acme.example" && (json?["password"] as? String)?.count == 20)
        let listed = try CLI.run(["user", "list", "--db", db, "--org", "Acme"], in: folder)
        #expect(listed.stdout.contains("operator\tann@acme.example") && !listed.stdout.contains("$2"))
        let removeAdmin = try CLI.run(["user", "remove", "--db", db, "1"], in: folder)
        #expect(removeAdmin.status != 0 && removeAdmin.stderr.contains("last admin"))
        let annId = try #require(json?["id"] as? Int)
        let removed = try CLI.run(["user", "remove", "--db", db, "--org", "1", String(annId)], in: folder)
        #expect(removed.status == 0, "\(removed.stderr)")
        for arguments in [
            ["user", "create", "--db", db, "--email", "not-an-email"],
            ["user", "create", "--db", db, "--email", "ops@acme.example"],
            ["user", "create", "--db", db, "--email", "x@acme.example", "--role", "owner"],
            ["user", "remove", "--db", db, "99"], ["user", "list", "--db", db, "--org", "nobody"],
        ] {
            let refused = try CLI.run(arguments, in: folder)
            #expect(refused.status != 0 && refused.stderr.hasPrefix("error: "), "\(arguments)")
        }
    }

    @Test(
        "with two organisations, commands without --org refuse; with it, another organisation's campaign is not found")
    func orgSelection() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: 2)
        let other = try CLI.run(
            ["org", "create", "--db", db, "--name", "Other", "--admin", "b@other.example"], in: folder)
        #expect(other.status == 0, "\(other.stderr)")
        for arguments in [
            ["campaign", "pause", "--db", db, id], ["contacts", "export", "--db", db, "--campaign", id],
            ["forecast", "--db", db, "--campaign", id], ["apikey", "list", "--db", db], ["user", "list", "--db", db],
            ["campaign", "show", "--db", db, id], ["calls", "list", "--db", db, "--campaign", id],
            ["org", "limit", "--db", db, "--max-concurrency", "5"], ["calls", "export", "--db", db],
        ] {
            let refused = try CLI.run(arguments, in: folder)
            #expect(refused.status != 0 && refused.stderr.contains("organisations"), "\(arguments): \(refused.stderr)")
        }
        let foreign = try CLI.run(["contacts", "export", "--db", db, "--org", "Other", "--campaign", id], in: folder)
        #expect(foreign.status != 0 && foreign.stderr.contains("campaign \(id) not found"))
        let start = try CLI.run(["campaign", "start", "--db", db, "--org", "Other", id], in: folder)
        #expect(start.status != 0 && start.stderr.contains("not found"))
        let own = try CLI.run(["contacts", "export", "--db", db, "--org", "default", "--campaign", id], in: folder)
        #expect(own.status == 0, "\(own.stderr)")
        let byId = try CLI.run(["org", "limit", "--db", db, "--org", "1", "--max-concurrency", "5"], in: folder)
        #expect(byId.status == 0 && byId.stdout.contains("org default"), "\(byId.stderr)")
    }
}
