import CampaignCore
import ContactImport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import SQLKit
import Testing

@testable import CampaignStore
@testable import HTTPServer

@Suite("Calls per day, the contact preview, alternates with their own variables and the lead search over HTTP")
struct DashboardGapsRoutesTests {
    @Test("costPerDay counts every call that ended on its UTC day; the list shows today's as calls today")
    func callsPerDay() async throws {
        try await APIHarness.run { harness, client in
            let rules = try ComplianceRulesFile.loadBundled()
            _ = try await OutboundAppSimulation.run(harness, rules: rules)
            let ended = try await harness.store.calls(campaignId: harness.campaignA).compactMap(\.result?.endedAt)
            #expect(!ended.isEmpty)
            let today = CallContribution.utcDay(harness.services.clock.now())
            let endedToday = ended.filter { CallContribution.utcDay($0) == today }.count
            let stats = try await client.send(
                .get, "/v1/campaigns/\(harness.campaignA)/stats", as: "a.viewer", harness: harness)
            let days = stats.json["costPerDay"]?.items ?? []
            #expect(days.reduce(0) { $0 + ($1["calls"]?.int ?? 0) } == Int64(ended.count))
            #expect(days.last?["calls"]?.int == Int64(endedToday))
            #expect(endedToday > 0, "the simulated half hour ends on the server's day")
            let session = try await client.session("admin@a.example")
            let page = try await DashboardPageTests.get(client, "/campaigns", session)
            #expect(page.text.contains("<th class=\"num\">Calls today</th>"))
            #expect(
                page.text.contains(
                    "<tr data-campaign=\"\(harness.campaignA)\">"),
                "the campaign's row")
            #expect(page.text.contains("<td class=\"num\" data-calls-today>\(endedToday)</td>"))
        }
    }

    @Test("POST /v1/contacts/preview names the detected convention, or refuses the header as an import would")
    func preview() async throws {
        try await APIHarness.run { harness, client in
            func preview(_ csv: String, as key: String? = "a.viewer") async throws -> TestResponse {
                try await client.executeRequest(
                    uri: "/v1/contacts/preview", method: .post,
                    headers: (key.map { harness.auth($0) } ?? [:]).merging([.contentType: "text/csv"]),
                    body: ByteBuffer(string: csv))
            }
            let list = try await preview("Name;Phone1;phone2;email\nAnn;+12125550100;+12125550101;a@b.c\n")
            #expect(list.status == .ok)
            #expect(list.json["convention"]?.string == "name-phone-list")
            #expect(list.json["delimiter"]?.string == "semicolon")
            #expect(list.json["phoneColumns"]?.items.map { $0["column"]?.string } == ["Phone1", "phone2"])
            #expect(list.json["variables"]?.items.map(\.string) == ["NAME", "EMAIL"])
            let suffixed = try await preview("phone_number,name,phone_number_2,name_2,Time Zone\n")
            #expect(suffixed.json["convention"]?.string == "suffixed-alternates")
            #expect(suffixed.json["phoneColumns"]?.items.last?["variables"]?.items.map(\.string) == ["NAME"])
            #expect(suffixed.json["timezoneColumn"]?.string == "Time Zone")
            let plain = try await preview("\u{FEFF}phone_number,case number\n+12125550100,C-1")
            #expect(plain.json["convention"]?.string == "phone-number-variables")
            #expect(try await preview("").status == .badRequest, "the body is required")
            for bad in ["full name,email\nAnn,a@b.c\n", "name,phone2\n", "phone_number,Name,name\n", "\n"] {
                let refused = try await preview(bad)
                #expect(refused.status == .unprocessableContent, "\(bad)")
                #expect(refused.json["detail"]?.string?.isEmpty == false, "\(bad)")
            }
            let missing = try await preview("full name\n")
            #expect(missing.json["detail"]?.string?.contains("phone") == true)
            #expect(try await preview("phone_number\n", as: nil).status == .unauthorized)
        }
    }

    @Test("a JSON alternate may carry its own variables; a bad one is named by field, or by its report column")
    func alternates() async throws {
        try await APIHarness.run { harness, client in
            let created = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness, json: CampaignRoutesTests.document)
            let id = try #require(created.json["id"]?.int)
            let uri = "/v1/campaigns/\(id)/contacts"
            let body = """
                {"contacts": [{"phoneNumber": "+12125550100", "variables": {"name": "Ada"}, "alternates": [
                  {"number": "+12125550101", "variables": {"Name": "Ada's office", "desk": "4"}},
                  "+12125550102",
                  {"number": "12"}
                ]}]}
                """
            let appended = try await client.send(.post, uri, as: "a.operator", harness: harness, json: body)
            #expect(appended.status == .ok)
            #expect(appended.json["imported"]?.int == 1 && appended.json["rejected"]?.int == 0)
            let problem = appended.json["problems"]?.items.first
            #expect(problem?["line"]?.int == 2 && problem?["column"]?.string == "phone_number_4")
            let stored = try await harness.store.database.raw(
                "SELECT numbers, number_variables FROM leads WHERE campaign_id = \(bind: id)"
            ).all()
            #expect(stored.count == 1)
            #expect(
                try stored[0].decode(column: "numbers", as: String.self) == "+12125550100|+12125550101|+12125550102")
            #expect(
                try stored[0].decode(column: "number_variables", as: String.self)
                    == #"[{},{"DESK":"4","NAME":"Ada's office"},{}]"#)
            for (bad, field) in [
                (#"[{"numbr": "+12125550101"}]"#, "contacts[0].alternates[0].numbr"),
                (#"[{"variables": {}}]"#, "contacts[0].alternates[0].number"),
                (#"["+12125550101", 5]"#, "contacts[0].alternates[1]"),
                (
                    #"[{"number": "+12125550101", "variables": {"phone": "x"}}]"#,
                    "contacts[0].alternates[0].variables.phone"
                ),
                (#"[{"number": "+12125550101", "variables": {"A": 1}}]"#, "contacts[0].alternates[0].variables.A"),
                (#"[{"number": "+12125550101", "variables": []}]"#, "contacts[0].alternates[0].variables"),
            ] {
                let response = try await client.send(
                    .post, uri, as: "a.operator", harness: harness,
                    json: #"{"contacts": [{"phoneNumber": "+12125550109", "alternates": \#(bad)}]}"#)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.json["errors"]?.items.first?["field"]?.string == field, "\(bad)")
            }
        }
    }

    @Test("GET …/leads?q= finds a name in another case and a number typed as national digits")
    func leadSearch() async throws {
        try await APIHarness.run { harness, client in
            let leads = try await harness.store.leads(
                orgId: harness.orgA, campaignId: harness.campaignA, filter: LeadFilter(), after: nil, limit: 1)
            let lead = try #require(leads.first)
            let number = lead.numbers[0]
            let national = "(\(number.dropFirst(2).prefix(3))) \(number.dropFirst(5).prefix(3))-\(number.suffix(4))"
            for query in [national, number, String(number.dropFirst())] {
                let found = try await client.send(
                    .get,
                    "/v1/campaigns/\(harness.campaignA)/leads?q="
                        + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                    as: "a.viewer", harness: harness)
                #expect(found.json["items"]?.items.map { $0["id"]?.int } == [lead.id], "\(query)")
            }
            let session = try await client.session("admin@a.example")
            let formEncoded = national.replacingOccurrences(of: " ", with: "+")
                .replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
            for query in [formEncoded, "%2B" + number.dropFirst()] {
                let page = try await DashboardPageTests.get(
                    client, "/campaigns/\(harness.campaignA)?q=\(query)", session)
                #expect(page.text.contains("<tr data-lead=\"\(lead.id)\">"), "a browser's form encoding: \(query)")
                #expect(page.text.components(separatedBy: "<tr data-lead=").count == 2, "\(query)")
            }
            let none = try await client.send(
                .get, "/v1/campaigns/\(harness.campaignA)/leads?q=nobody", as: "a.viewer", harness: harness)
            #expect(none.json["items"]?.items.isEmpty == true)
        }
    }
}
