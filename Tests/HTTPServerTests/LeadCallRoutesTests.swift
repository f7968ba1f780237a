import CampaignCore
import CampaignStore
import Foundation
import HTTPServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Lead and call routes: keyset pages, filters, single objects, exports")
struct LeadCallRoutesTests {
    /// Every item of a list, following `nextCursor` with pages of `limit`.
    static func all(
        _ path: String, limit: Int, client: some TestClientProtocol, harness: APIHarness
    ) async throws -> [JSONValue] {
        var items: [JSONValue] = []
        var cursor: String?
        let separator = path.contains("?") ? "&" : "?"
        repeat {
            let uri = "\(path)\(separator)limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await client.send(.get, uri, as: "a.viewer", harness: harness)
            #expect(page.status == .ok)
            items += page.json["items"]?.items ?? []
            cursor = page.json["nextCursor"]?.string
        } while cursor != nil
        return items
    }

    @Test("leads page in list order with a cursor; every page together is the whole list")
    func leadPages() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/campaigns/\(harness.campaignA)/leads"
            let whole = try await Self.all(path, limit: 500, client: client, harness: harness)
            let paged = try await Self.all(path, limit: 5, client: client, harness: harness)
            #expect(whole.count == 12)
            #expect(paged == whole)
            #expect(whole.first?["sourceLine"]?.int == 2)
            #expect(whole.first?["variables"]?["NAME"]?.string == "Contact 0")
        }
    }

    @Test("leads filter by status and search by number or name")
    func leadFilters() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/campaigns/\(harness.campaignA)/leads"
            let whole = try await Self.all(path, limit: 500, client: client, harness: harness)
            for status in ["pending", "completed", "failed", "in_progress", "excluded"] {
                let filtered = try await Self.all(
                    "\(path)?status=\(status)", limit: 3, client: client, harness: harness)
                #expect(filtered == whole.filter { $0["status"]?.string == status }, "\(status)")
            }
            let byName = try await Self.all("\(path)?q=Contact%2011", limit: 50, client: client, harness: harness)
            #expect(byName.map { $0["variables"]?["NAME"]?.string } == ["Contact 11"])
            let byNumber = try await Self.all("\(path)?q=%2B12125550003", limit: 50, client: client, harness: harness)
            #expect(byNumber.count == 1)
            let literal = try await Self.all("\(path)?q=%25", limit: 50, client: client, harness: harness)
            #expect(literal.isEmpty)
            let bad = try await client.send(.get, "\(path)?status=waiting", as: "a.viewer", harness: harness)
            #expect(bad.status == .badRequest)
            let foreignCursor = try await client.send(
                .get, "\(path)?cursor=Yy4x", as: "a.viewer", harness: harness)
            #expect(foreignCursor.status == .badRequest)
        }
    }

    @Test("a lead answers with its calls; a call with its call-log row")
    func singleObjects() async throws {
        try await APIHarness.run { harness, client in
            let lead = try await client.send(.get, "/v1/leads/\(harness.leadA)", as: "a.viewer", harness: harness)
            #expect(lead.status == .ok)
            let calls = lead.json["calls"]?.items ?? []
            #expect(calls.allSatisfy { $0["contact_id"]?.int == harness.leadA })
            #expect(lead.json["attempts"]?.int.map { $0 >= calls.count || calls.count > 0 } ?? false)
            let call = try await client.send(.get, "/v1/calls/\(harness.callA)", as: "a.viewer", harness: harness)
            #expect(call.status == .ok)
            #expect(call.json["call_id"]?.int == harness.callA)
            #expect(call.json["campaign_id"]?.int == harness.campaignA)
            #expect(call.json["queued_at"]?.string?.hasSuffix("Z") == true)
        }
    }

    @Test("calls page in queue order; every page together is the call log")
    func callPages() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/campaigns/\(harness.campaignA)/calls"
            let whole = try await Self.all(path, limit: 500, client: client, harness: harness)
            let paged = try await Self.all(path, limit: 4, client: client, harness: harness)
            #expect(!whole.isEmpty && paged == whole)
            let log = try await harness.store.calls(campaignId: harness.campaignA)
            #expect(Set(whole.compactMap { $0["call_id"]?.int }) == Set(log.map(\.id)))
        }
    }

    @Test("calls.csv and contacts.csv are the CLI's exports")
    func exports() async throws {
        try await APIHarness.run { harness, client in
            let calls = try await client.send(
                .get, "/v1/campaigns/\(harness.campaignA)/calls.csv", as: "a.viewer", harness: harness)
            #expect(calls.status == .ok && calls.headers[.contentType]?.hasPrefix("text/csv") == true)
            let log = try await harness.store.calls(campaignId: harness.campaignA)
            let expected =
                ([CallLogFormat.header] + log.map(CallLogFormat.fields)).map(CallLogFormat.line).joined(separator: "\n")
                + "\n"
            #expect(calls.text == expected)
            let contacts = try await client.send(
                .get, "/v1/campaigns/\(harness.campaignA)/contacts.csv", as: "a.viewer", harness: harness)
            let lines = contacts.text.split(separator: "\n")
            #expect(lines.first.map(String.init) == CSVLine.line(ExportedContact.header))
            #expect(lines.count == 13)
        }
    }
}
