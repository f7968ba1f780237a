import CampaignCore
import Foundation
import Testing

@testable import ContactImport

/// An import gives every contact the jurisdictions of all its numbers (SPEC §9: strictest wins), so the engine
/// reads the rules of Florida for a Florida alternate of a New York contact.
@Suite struct RuleKeyImportTests {
    @Test func everyContactCarriesTheJurisdictionsOfAllItsNumbers() async throws {
        let path = FixtureLoader.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let csv = """
            phone_number,phone_number_2,name,timezone
            +13055550100,,Fay,
            +12125550100,+13055550101,Ned,
            +919876543210,,Ira,
            +14165550100,,Cam,
            +12125550102,,Zed,America/Los_Angeles
            +13055550103,,Flo,
            """
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        let (_, batches) = try await ContactBatchCollectorTests.batches(path, batchSize: 2)
        var keys: [DialKey] = []
        for batch in batches {
            let contacts = batch.contacts
            for contact in contacts.contacts { keys.append(contacts.zoneLists[Int(contact.zones)].dialKey) }
        }
        #expect(
            keys.map(\.ruleKey) == ["US|US-FL", "US|US-FL|US-NY", "IN", "CA", "US|US-NY", "US|US-FL"],
            "a zone column moves the zones, never the jurisdictions of the number")
        #expect(keys[0].text == "America/New_York#US|US-FL")
        #expect(keys[4].zoneKey == "America/Los_Angeles")
    }

    @Test func storedNumbersGetTheSameKeyAsAnImport() throws {
        let keys = try StoredNumberRuleKeys()
        #expect(keys.ruleKey(["+13055550100"]) == "US|US-FL")
        #expect(keys.ruleKey(["+12125550100", "+13055550101"]) == "US|US-FL|US-NY")
        #expect(keys.ruleKey(["not a number"]) == "", "nothing parses: the default rule")
    }
}
