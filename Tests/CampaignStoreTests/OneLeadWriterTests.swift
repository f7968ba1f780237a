import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

/// `addLeads` and the import write leads through the same writer (``LeadRowEncoder`` into ``LeadBatchWriter``): the
/// same contact becomes the same row either way.
@Suite("One lead writer")
struct OneLeadWriterTests {
    static let columns =
        "seq, source_line, numbers, zone_id, timezone_source, layout_id, variables, status, attempts, pass, "
        + "number_index, stopped, callbacks, priority, next_at, updated_at, number_variables, number_types"

    static func rows(_ store: SQLCampaignStore, campaignId: Int64) async throws -> [String] {
        try await store.serial { db in
            try await db.raw(
                SQLQueryString("SELECT \(columns) FROM leads WHERE campaign_id = ") + "\(bind: campaignId) ORDER BY seq"
            ).all().map { row in
                try row.allColumns.map { column in
                    if try row.decodeNil(column: column) { return "NULL" }
                    if let number = try? row.decode(column: column, as: Int64.self) { return String(number) }
                    return try row.decode(column: column, as: String.self)
                }.joined(separator: " | ")
            }
        }
    }

    @Test func aContactAddedOrImportedIsTheSameRow() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let variables = ["NAME": "Ann \"A\"\n", "CASE": "C-7 🙂"]
            let numbers = ["+13125550100", "+13125550101"]
            let zones = ["America/Chicago", "America/New_York"]
            let (_, added) = try await Fixture.campaign(
                in: store,
                leads: [
                    NewLead(
                        sourceLine: 2, numbers: numbers, timezones: zones, timezoneSource: "number",
                        variables: variables, ruleKey: "US|US-IL"),
                    NewLead(
                        sourceLine: 3, numbers: ["+13125550102"], timezones: ["America/Chicago"],
                        timezoneSource: "column", variables: [:], ruleKey: "US|US-IL"),
                ])
            let (_, imported) = try await Fixture.campaign(in: store, leads: [], org: "other")
            var first = ImportedContact(
                sourceLine: 2, numbers: numbers, timezones: zones, timezoneSource: "number", variables: variables)
            first.ruleKey = "US|US-IL"
            var second = ImportedContact(
                sourceLine: 3, numbers: ["+13125550102"], timezones: ["America/Chicago"], timezoneSource: "column",
                variables: [:])
            second.ruleKey = "US|US-IL"
            _ = try await ImportStoreTests.importing([first, second], into: imported, mode: .replace, store: store)

            let viaAdd = try await Self.rows(store, campaignId: added)
            let viaImport = try await Self.rows(store, campaignId: imported)
            #expect(viaAdd.count == 2)
            #expect(viaAdd == viaImport)
        }
    }
}
