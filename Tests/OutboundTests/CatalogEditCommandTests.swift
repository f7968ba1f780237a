import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("outbound agent add|edit|remove, carrier edit, number edit: partial edits from the command line")
struct CatalogEditCommandTests {
    @Test func agentsAreAddedEditedFieldByFieldAndRemovedWhenUnused() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, _) = try await CLI.campaignWithContacts(in: folder, contacts: 1)
        let added = try CLI.run(
            [
                "agent", "add", "--db", db, "--name", "Nova", "--greeting", "Hi {{NAME}}", "--prompt",
                "Confirm {{Case Number}}", "--stream-url", "wss://bot.example/stream", "--json",
            ], in: folder)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains(#""variables":["NAME","CASE_NUMBER"]"#), "\(added.stdout)")
        let id = try #require(added.stdout.split(separator: ",").first?.split(separator: ":").last)

        let edited = try CLI.run(
            ["agent", "edit", "--db", db, String(id), "--voicemail", "Call {{PHONE}}"], in: folder)
        #expect(edited.status == 0 && edited.stdout.contains("NAME, CASE_NUMBER, PHONE"), "\(edited.stdout)")
        let renamed = try CLI.run(["agent", "edit", "--db", db, String(id), "--name", "Nova 2", "--json"], in: folder)
        #expect(renamed.stdout.contains(#""name":"Nova 2""#) && renamed.stdout.contains("wss://bot.example/stream"))
        let badStream = try CLI.run(["agent", "edit", "--db", db, String(id), "--stream-url", "http://x"], in: folder)
        #expect(badStream.status != 0 && badStream.stderr.contains("streamUrl"), "\(badStream.stderr)")

        let inUse = try CLI.run(["agent", "remove", "--db", db, "1"], in: folder)
        #expect(inUse.status != 0 && inUse.stderr.contains("campaign"), "\(inUse.stderr)")
        #expect(try CLI.run(["agent", "remove", "--db", db, String(id)], in: folder).status == 0)
        let list = try CLI.run(["agent", "list", "--db", db], in: folder)
        #expect(!list.stdout.contains("Nova"))
    }

    @Test func aCarrierEditChangesOnlyWhatIsGivenAndKeepsThePassword() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, _) = try await CLI.campaignWithContacts(in: folder, contacts: 1)
        let added = try CLI.run(
            [
                "carrier", "add", "--db", db, "--name", "Trunk", "--kind", "sip", "--address", "sip.example.net:5060",
                "--cps", "5", "--rate", "0.012",
            ], in: folder, environment: ["OUTBOUND_CARRIER_PASSWORD": "s3cret-pw"])
        #expect(added.status == 0, "\(added.stderr)")
        let edited = try CLI.run(
            ["carrier", "edit", "--db", db, "1", "--rate", "0.02", "--no-cps-limit", "--json"], in: folder)
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stdout.contains(#""ratePerMinute":"0.02""#) && edited.stdout.contains(#""hasPassword":true"#))
        #expect(edited.stdout.contains(#""address":"sip.example.net:5060""#) && !edited.stdout.contains(#""cps":5"#))
        #expect(!edited.stdout.contains("s3cret-pw"))
        let bad = try CLI.run(["carrier", "edit", "--db", db, "1", "--ring-timeout", "1"], in: folder)
        #expect(bad.status != 0 && bad.stderr.contains("ringTimeoutSeconds"), "\(bad.stderr)")
        let cleared = try CLI.run(["carrier", "edit", "--db", db, "1", "--clear-password", "--json"], in: folder)
        #expect(cleared.stdout.contains(#""hasPassword":false"#) && cleared.stdout.contains(#""ratePerMinute":"0.02""#))
    }

    @Test func aNumberEditKeepsWhatIsNotGivenAndCannotTakeAPoolNumberInbound() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, _) = try await CLI.campaignWithContacts(in: folder, contacts: 1)
        let numbers = try CLI.run(["number", "list", "--db", db], in: folder)
        let poolId = String(
            try #require(numbers.stdout.split(separator: "\n").first { $0.contains("+14155550100") })
                .split(separator: "\t")[0])
        let refused = try CLI.run(["number", "edit", "--db", db, poolId, "--disable-outbound"], in: folder)
        #expect(refused.status != 0 && refused.stderr.contains("campaign"), "\(refused.stderr)")
        let labelled = try CLI.run(
            ["number", "edit", "--db", db, poolId, "--label", "front desk", "--json"], in: folder)
        #expect(labelled.status == 0 && labelled.stdout.contains(#""label":"front desk""#), "\(labelled.stderr)")
        #expect(labelled.stdout.contains(#""outbound":true"#))
        let added = try CLI.run(["number", "add", "--db", db, "+14155550177", "--label", "support"], in: folder)
        let spareId = try #require(added.stdout.split(separator: " ").dropFirst().first)
        let inbound = try CLI.run(
            ["number", "edit", "--db", db, String(spareId), "--disable-outbound", "--json"], in: folder)
        #expect(inbound.stdout.contains(#""outbound":false"#) && inbound.stdout.contains(#""label":"support""#))
    }
}
