import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import SQLKit
import Testing

@testable import CampaignStore
@testable import HTTPServer

@Suite("POST /v1/agents/{id}/test-call: one call through the real path, in no campaign")
struct TestCallRoutesTests {
    static func testCall(
        _ client: some TestClientProtocol, _ harness: APIHarness, agent: Int64? = nil, as key: String = "a.operator",
        _ json: String
    ) async throws -> TestResponse {
        try await client.send(
            .post, "/v1/agents/\(agent ?? harness.catalogA.agent)/test-call", as: key, harness: harness, json: json)
    }

    /// Every campaign row of the database, hidden or not.
    static func campaignRows(_ store: SQLCampaignStore) async throws -> Int {
        try await store.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM campaigns").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    @Test("placed: 202 with its own running campaign, which no list shows and the agent's lead carries the variables")
    func placed() async throws {
        try await APIHarness.run { harness, client in
            let listed = try await client.send(.get, "/v1/campaigns", as: "a.viewer", harness: harness).json
            let response = try await Self.testCall(
                client, harness, #"{"to": "(212) 555-0199", "from": "+14155550100", "variables": {"name": "Ann"}}"#)
            #expect(response.status == .accepted, "\(response.text)")
            let id = try #require(response.json["campaignId"]?.int)
            #expect(response.json["to"]?.string == "+12125550199" && response.json["from"]?.string == "+14155550100")
            #expect(response.headers[.location] == "/v1/campaigns/\(id)")
            let campaign = try await client.send(.get, "/v1/campaigns/\(id)", as: "a.viewer", harness: harness)
            #expect(campaign.status == .ok && campaign.json["status"]?.string == "running")
            #expect(try await harness.store.isTestCall(orgId: harness.orgA, campaignId: Int64(id)))
            #expect(try await client.send(.get, "/v1/campaigns", as: "a.viewer", harness: harness).json == listed)
            let leads = try await harness.store.leads(
                orgId: harness.orgA, campaignId: Int64(id), filter: LeadFilter(), after: nil, limit: 10)
            #expect(leads.count == 1 && leads.first?.numbers == ["+12125550199"])
            #expect(leads.first?.timezones == ["America/New_York"])
            let settings = try #require(try await harness.store.campaign(id: Int64(id))?.settings)
            #expect(settings.retry.maxAttempts == 1 && settings.numberPool == ["+14155550100"])
            let other = try await Self.testCall(
                client, harness, as: "b.admin", #"{"to": "+12125550199", "from": "+14155550100"}"#)
            #expect(other.status == .notFound, "another organisation's agent")
            let viewer = try await Self.testCall(
                client, harness, as: "a.viewer", #"{"to": "+12125550199", "from": "+14155550100"}"#)
            #expect(viewer.status == .forbidden)
        }
    }

    @Test(
        "bad input names its field and creates nothing",
        arguments: [
            (#"{"from": "+14155550100"}"#, 422, "to"), (#"{"to": "hello", "from": "+14155550100"}"#, 422, "to"),
            (#"{"to": "+12125550199"}"#, 422, "from"),
            (#"{"to": "+12125550199", "from": "+14155550999"}"#, 422, "from"),
            (#"{"to": "+12125550199", "from": "+14155550100", "speed": 2}"#, 400, "speed"),
            (#"{"to": "+12125550199", "from": "+14155550100", "variables": {"NAME": 7}}"#, 422, "variables.NAME"),
            (#"{"to": 12125550199, "from": "+14155550100"}"#, 422, "to"),
        ])
    func badInput(json: String, status: Int, field: String) async throws {
        try await APIHarness.run { harness, client in
            let before = try await Self.campaignRows(harness.store)
            let response = try await Self.testCall(client, harness, json)
            #expect(response.status.code == status, "\(json): \(response.text)")
            #expect(response.text.contains(field), "\(json): \(response.text)")
            #expect(try await Self.campaignRows(harness.store) == before)
        }
    }

    @Test("a number on the opt-out list is refused (409 naming to) and nothing is created")
    func optedOut() async throws {
        try await APIHarness.run { harness, client in
            let before = try await Self.campaignRows(harness.store)
            let response = try await Self.testCall(
                client, harness, #"{"to": "\#(harness.catalogA.optOut)", "from": "+14155550100"}"#)
            #expect(response.status == .conflict && response.text.contains("opt-out"), "\(response.text)")
            #expect(response.text.contains(#""field":"to""#) || response.text.contains(#""field": "to""#))
            #expect(try await Self.campaignRows(harness.store) == before)
        }
    }

    @Test("in the quiet hours at the called number: 409 with the rule and when calls may start; exempt: placed")
    func quietHours() async throws {
        try await APIHarness.run { harness, client in
            // 18:00Z + 14 h = 08:00Z on Wednesday: 03:00 in New York, where the federal rule allows 08:00–21:00.
            harness.clock.advance(by: 14 * 3600)
            let before = try await Self.campaignRows(harness.store)
            let body = #"{"to": "+12125550199", "from": "+14155550100"}"#
            let held = try await Self.testCall(client, harness, body)
            #expect(held.status == .conflict, "\(held.text)")
            #expect(held.text.contains("quiet hours") && held.text.contains("us-federal"), "\(held.text)")
            #expect(held.text.contains("2026-03-04T13:00:00Z"), "08:00 in New York: \(held.text)")
            #expect(try await Self.campaignRows(harness.store) == before)
            let london = try await Self.testCall(client, harness, #"{"to": "+442071234567", "from": "+14155550100"}"#)
            #expect(london.status == .accepted, "08:00 in London is inside the default rule's hours: \(london.text)")
            let exempt = try await client.send(
                .put, "/v1/organization/exemption", as: "a.admin", harness: harness,
                json: #"{"reason": "Debt collection under a state licence"}"#)
            #expect(exempt.status == .ok, "\(exempt.text)")
            #expect(try await Self.testCall(client, harness, body).status == .accepted)
        }
    }

    @Test("editing the agent after a test call ran makes no copy of it; the number stays free to delete")
    func noTraceInTheCatalog() async throws {
        try await APIHarness.run { harness, client in
            let number = try await client.send(
                .post, "/v1/numbers", as: "a.admin", harness: harness, json: #"{"e164": "+14155550177"}"#)
            let numberId = try #require(number.json["id"]?.int)
            let created = try await client.send(
                .post, "/v1/agents", as: "a.admin", harness: harness, json: #"{"name": "Tess", "greeting": "Hi"}"#)
            let agentId = try #require(created.json["id"]?.int)
            let placed = try await Self.testCall(
                client, harness, agent: agentId, #"{"to": "+12125550199", "from": "+14155550177"}"#)
            #expect(placed.status == .accepted, "\(placed.text)")
            let agents = try await client.send(.get, "/v1/agents", as: "a.viewer", harness: harness).json
            let edit = try await client.send(
                .put, "/v1/agents/\(agentId)", as: "a.admin", harness: harness,
                json: #"{"name": "Tess", "greeting": "Hello again"}"#)
            #expect(edit.status == .ok, "\(edit.text)")
            let after = try await client.send(.get, "/v1/agents", as: "a.viewer", harness: harness).json
            #expect(after["items"]?.items.count == agents["items"]?.items.count, "no copy of the agent")
            let deleted = try await client.send(.delete, "/v1/numbers/\(numberId)", as: "a.admin", harness: harness)
            #expect(deleted.status == .noContent, "\(deleted.text)")
        }
    }

    @Test("the agent's page places a test call and shows it on its own page; a refusal comes back as an error")
    func fromTheDashboard() async throws {
        try await APIHarness.run { harness, client in
            let session = try await client.session("admin@a.example")
            let agent = harness.catalogA.agent
            let page = try await DashboardPageTests.get(client, "/agents/\(agent)", session)
            #expect(page.status == .ok && page.text.contains("data-test-call"))
            #expect(page.text.contains("<option>+14155550100</option>"))
            let placed = try await DashboardPageTests.post(
                client, "/agents/\(agent)/test-call",
                form: "csrf=\(session.csrf)&back=%2Fagents%2F\(agent)&to=%2B12125550199&from=%2B14155550100&name=Ann",
                session)
            #expect(placed.status == .seeOther, "\(placed.text)")
            let location = try #require(placed.headers[.location])
            let path = String(location.prefix { $0 != "?" })
            let id = try #require(Int64(path.split(separator: "/").last.map(String.init) ?? ""))
            #expect(path == "/campaigns/\(id)" && location.contains("notice=Test%20call"))
            #expect(try await harness.store.isTestCall(orgId: harness.orgA, campaignId: id))
            let shown = try await DashboardPageTests.get(client, path, session)
            #expect(shown.status == .ok && shown.text.contains("Test call"))
            let list = try await DashboardPageTests.get(client, "/campaigns", session)
            #expect(!list.text.contains("/campaigns/\(id)\""), "not on the campaign list")
            let refused = try await DashboardPageTests.post(
                client, "/agents/\(agent)/test-call",
                form: "csrf=\(session.csrf)&back=%2Fagents%2F\(agent)&to=%2B12125559999&from=%2B14155550100", session)
            #expect(refused.status == .seeOther && refused.headers[.location]?.hasPrefix("/agents/\(agent)") == true)
            let viewer = try await client.session("viewer@a.example")
            let viewerPage = try await DashboardPageTests.get(client, "/agents/\(agent)", viewer)
            #expect(!viewerPage.text.contains("data-test-call"), "a viewer has no test-call form")
        }
    }

    @Test("the agent form sets, keeps and clears its stream URL; a URL that is not ws or wss is refused")
    func streamURLOnTheForm() async throws {
        try await APIHarness.run { harness, client in
            let session = try await client.session("admin@a.example")
            let created = try await DashboardPageTests.post(
                client, "/agents/new",
                form: "csrf=\(session.csrf)&back=%2Fagents%2Fnew&name=Sip&streamUrl=wss%3A%2F%2Fagent.example%2Fs",
                session)
            #expect(created.status == .seeOther, "\(created.text)")
            let path = String((created.headers[.location] ?? "").prefix { $0 != "?" })
            let id = try #require(Int64(path.split(separator: "/").last.map(String.init) ?? ""))
            #expect(try await harness.store.agent(orgId: harness.orgA, id: id)?.streamUrl == "wss://agent.example/s")
            let page = try await DashboardPageTests.get(client, path, session)
            #expect(page.text.contains(#"value="wss://agent.example/s""#))
            let etag = try #require(
                page.text.firstMatch(of: /name="etag" value="([^"]+)"/).map {
                    String($0.output.1).replacingOccurrences(of: "&quot;", with: "\"")
                })
            let encodedTag = etag.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? etag
            let bad = try await DashboardPageTests.post(
                client, path,
                form:
                    "csrf=\(session.csrf)&back=\(path)&etag=\(encodedTag)&name=Sip&streamUrl=http%3A%2F%2Fagent.example",
                session)
            #expect(
                bad.headers[.location]?.contains("error=") == true
                    && bad.headers[.location]?.contains("stream") == true, "\(bad.headers)")
            #expect(try await harness.store.agent(orgId: harness.orgA, id: id)?.streamUrl == "wss://agent.example/s")
            let cleared = try await DashboardPageTests.post(
                client, path, form: "csrf=\(session.csrf)&back=\(path)&etag=\(encodedTag)&name=Sip&streamUrl=", session)
            #expect(
                cleared.status == .seeOther && cleared.headers[.location]?.contains("error=") != true,
                "\(cleared.headers)")
            #expect(try await harness.store.agent(orgId: harness.orgA, id: id)?.streamUrl == nil)
        }
    }
}
