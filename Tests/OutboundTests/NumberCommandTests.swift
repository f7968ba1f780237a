import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("outbound org number: inbound-only numbers")
struct NumberCommandTests {
    @Test func anInboundOnlyPoolCannotStartAndCreateNeverFlipsTheNumberBack() async throws {
        let folder = try CLI.temporaryFolder()
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: 3)
        for number in ["+14155550100", "+14155550101"] {
            let marked = try CLI.run(["org", "number", "--db", db, number, "--inbound-only"], in: folder)
            #expect(marked.status == 0, "\(marked.stderr)")
            #expect(marked.stdout.contains("\(number): inbound-only"), "\(marked.stdout)")
        }
        let refused = try CLI.run(["campaign", "start", "--db", db, id], in: folder)
        #expect(refused.status != 0)
        #expect(
            refused.stderr.contains("+14155550100") && refused.stderr.contains("+14155550101")
                && refused.stderr.contains("inbound-only"), "\(refused.stderr)")

        let config = folder.appendingPathComponent("campaign.json").path
        let again = try CLI.run(["campaign", "create", "--db", db, "--config", config], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        let store = try await SQLCampaignStore.openSQLite(path: db)
        let orgId = try #require(try await store.existingOrganization(named: "default"))
        #expect(try await store.ownedNumbers(orgId: orgId).allSatisfy { !$0.outbound }, "create kept them inbound-only")
        try await store.close()

        let outbound = try CLI.run(["org", "number", "--db", db, "+14155550101", "--outbound"], in: folder)
        #expect(outbound.status == 0 && outbound.stdout.contains("+14155550101: outbound"), "\(outbound.stderr)")
        let started = try CLI.run(["campaign", "start", "--db", db, id], in: folder)
        #expect(started.status == 0, "\(started.stderr)")
        try? FileManager.default.removeItem(at: folder)
    }

    @Test(arguments: [
        (["+14155550100"], "--inbound-only or --outbound"),
        (["+14155550100", "--inbound-only", "--outbound"], "--inbound-only or --outbound"),
        (["4155550100", "--inbound-only"], "E.164"),
    ])
    func badArgumentsAreRefused(_ arguments: [String], _ says: String) async throws {
        let folder = try CLI.temporaryFolder()
        let (db, _) = try await CLI.campaignWithContacts(in: folder, contacts: 1)
        let output = try CLI.run(["org", "number", "--db", db] + arguments, in: folder)
        #expect(output.status != 0)
        #expect(output.stderr.contains(says), "\(output.stderr)")
        try? FileManager.default.removeItem(at: folder)
    }
}
