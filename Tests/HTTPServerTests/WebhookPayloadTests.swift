import CampaignCore
import Foundation
import Testing

@testable import CampaignStore
@testable import HTTPServer

@Suite("Change rows read with their SPEC §13 data (live feed and webhooks)")
struct WebhookPayloadTests {
    @Test("call.ended data is the call's call-log row plus transcript; a lead's sequence increases")
    func callEndedCarriesTheCallLogRow() async throws {
        try await APIHarness.run { harness, _ in
            let rows = try await harness.store.changes(
                orgId: harness.orgA, campaignId: harness.campaignA, after: 0, limit: 500)
            let ended = try #require(rows.first { $0.type == "call.ended" })
            let callId = try #require(ended.fields["callId"].flatMap { Int64($0) })
            let call = try #require(try await harness.store.call(orgId: harness.orgA, id: callId))
            #expect(ended.data["call_id"]?.int == callId && ended.data["contact_id"]?.int == call.leadId)
            #expect(ended.data["outcome"]?.string == call.result?.outcome.rawValue)
            #expect(ended.data["transcript"] == .null && ended.data["contactId"]?.string == String(call.leadId))
            var last: [String: Int64] = [:]
            for row in rows where row.data["contactId"] != nil {
                let lead = try #require(row.data["contactId"]?.string)
                let sequence = try #require(row.data["sequence"]?.int)
                #expect(sequence > last[lead, default: 0], "sequence increases per lead")
                last[lead] = sequence
            }
            #expect(!last.isEmpty)
            let text = FeedItem.change(ended).text
            #expect(text.contains(#""transcript":null"#) && text.contains(#""call_id":\#(callId)"#))
        }
    }
}
