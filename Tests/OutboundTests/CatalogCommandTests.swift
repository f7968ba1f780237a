import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("outbound carrier, number and optout: the catalog from the command line")
struct CatalogCommandTests {
    @Test func carriersAreAddedListedWithoutPasswordsAndRemovedOnlyWhenNoNumberUsesThem() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, _) = try await CLI.campaignWithContacts(in: folder, contacts: 1)
        let added = try CLI.run(
            [
                "carrier", "add", "--db", db, "--name", "Trunk", "--kind", "sip-trunk", "--address",
                "sip.example.net:5060", "--cps", "5", "--rate", "0.012", "--billing-increment", "6", "--json",
            ], in: folder)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains(#""kind":"sip""#) && added.stdout.contains(#""ratePerMinute":"0.012""#))
        let bad = try CLI.run(["carrier", "add", "--db", db, "--name", "Tw", "--kind", "twilio"], in: folder)
        #expect(bad.status != 0 && bad.stderr.contains("kind"), "\(bad.stderr)")

        let number = try CLI.run(
            ["number", "add", "--db", db, "+14155550177", "--carrier", "1", "--label", "sales", "--inbound-only"],
            in: folder)
        #expect(number.status == 0 && number.stdout.contains("inbound-only"), "\(number.stderr)")
        let list = try CLI.run(["number", "list", "--db", db, "--json"], in: folder)
        #expect(list.stdout.contains(#""e164":"+14155550177""#) && list.stdout.contains(#""carrierId":1"#))

        let inUse = try CLI.run(["carrier", "remove", "--db", db, "1"], in: folder)
        #expect(inUse.status != 0 && inUse.stderr.contains("+14155550177"), "\(inUse.stderr)")
        let numbers = try CLI.run(["number", "list", "--db", db], in: folder)
        let poolLine = try #require(numbers.stdout.split(separator: "\n").first { $0.contains("+14155550100") })
        let poolId = String(poolLine.split(separator: "\t")[0])
        let pooled = try CLI.run(["number", "remove", "--db", db, poolId], in: folder)
        #expect(pooled.status != 0 && pooled.stderr.contains("campaign"), "\(pooled.stderr)")
        let ownId = String(
            try #require(numbers.stdout.split(separator: "\n").first { $0.contains("+14155550177") })
                .split(separator: "\t")[0])
        #expect(try CLI.run(["number", "remove", "--db", db, ownId], in: folder).status == 0)
        #expect(try CLI.run(["carrier", "remove", "--db", db, "1"], in: folder).status == 0)
        let carriers = try CLI.run(["carrier", "list", "--db", db], in: folder)
        #expect(carriers.status == 0 && !carriers.stdout.contains("Trunk"))
    }

    @Test func optOutsAreAddedImportedListedAndRemoved() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, _) = try await CLI.campaignWithContacts(in: folder, contacts: 1)
        let added = try CLI.run(["optout", "add", "--db", db, "(415) 555-0100"], in: folder)
        #expect(added.status == 0 && added.stdout.contains("+14155550100 opted out"), "\(added.stderr)")
        let invalid = try CLI.run(["optout", "add", "--db", db, "12"], in: folder)
        #expect(invalid.status != 0 && invalid.stderr.contains("number"), "\(invalid.stderr)")

        let csv = folder.appendingPathComponent("optouts.csv")
        try "number\n+14155550101\n+14155550100\nbad\n".write(to: csv, atomically: true, encoding: .utf8)
        let imported = try CLI.run(["optout", "import", "--db", db, csv.path, "--json"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains(#""imported":1"#) && imported.stdout.contains(#""duplicates":1"#))
        #expect(imported.stdout.contains(#""line":4"#))

        let list = try CLI.run(["optout", "list", "--db", db], in: folder)
        #expect(
            list.stdout.contains("+14155550100\tcli") && list.stdout.contains("+14155550101\tcsv"), "\(list.stdout)")
        let search = try CLI.run(["optout", "list", "--db", db, "--search", "0101", "--json"], in: folder)
        #expect(search.stdout.contains("+14155550101") && !search.stdout.contains("+14155550100"))
        #expect(try CLI.run(["optout", "remove", "--db", db, "+14155550100"], in: folder).status == 0)
        let again = try CLI.run(["optout", "remove", "--db", db, "+14155550100"], in: folder)
        #expect(again.status != 0 && again.stderr.contains("not on the opt-out list"))
        let folderArgument = try CLI.run(["optout", "import", "--db", db, folder.path], in: folder)
        #expect(folderArgument.status != 0 && folderArgument.stderr.contains("not a file"), "\(folderArgument.stderr)")
    }
}

extension CatalogCommandTests {
    @Test func agentsAreListedWithTheirVariablesAndGiveTheirTemplate() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, _) = try await CLI.campaignWithContacts(in: folder, contacts: 1)
        let list = try CLI.run(["agent", "list", "--db", db, "--json"], in: folder)
        #expect(list.status == 0 && list.stdout.contains(#""name":"Zara""#), "\(list.stderr)")
        #expect(list.stdout.contains(#""variables":["NAME"]"#), "\(list.stdout)")
        let template = try CLI.run(["agent", "template", "--db", db, "1"], in: folder)
        #expect(template.status == 0 && template.stdout.hasPrefix("phone_number,name\n"), "\(template.stdout)")
        let missing = try CLI.run(["agent", "template", "--db", db, "99"], in: folder)
        #expect(missing.status != 0 && missing.stderr.contains("agent 99 not found"), "\(missing.stderr)")
    }
}
