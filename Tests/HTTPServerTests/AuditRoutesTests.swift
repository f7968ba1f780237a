import CampaignCore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("GET /v1/audit and the quiet-hours exemption: admins only, every change names its key")
struct AuditRoutesTests {
    @Test("an action over the API is in the log with the key that did it; operators and viewers get 403")
    func actionsAreLogged() async throws {
        try await APIHarness.run { harness, client in
            let paused = try await client.send(
                .post, "/v1/campaigns/\(harness.campaignA)/pause", as: "a.operator", harness: harness)
            #expect(paused.status == .ok, "\(paused.text)")
            let log = try await client.send(.get, "/v1/audit?action=campaign.", as: "a.admin", harness: harness)
            #expect(log.status == .ok)
            let newest = try #require(log.json["items"]?.items.first)
            #expect(newest["action"]?.string == "campaign.pause")
            #expect(newest["actor"]?["kind"]?.string == "key")
            #expect(newest["target"]?["id"]?.int == harness.campaignA)
            #expect(newest["detail"]?["to"]?.string == "paused")
            for key in ["a.operator", "a.viewer"] {
                let refused = try await client.send(.get, "/v1/audit", as: key, harness: harness)
                #expect(refused.status == .forbidden)
            }
            let foreign = try await client.send(.get, "/v1/audit", as: "b.admin", harness: harness)
            #expect(foreign.json["items"]?.items.contains { $0["target"]?["id"]?.int == harness.campaignA } == false)
            let bad = try await client.send(.get, "/v1/audit?targetId=3", as: "a.admin", harness: harness)
            #expect(bad.status == .badRequest && bad.json["errors"]?.items.first?["field"]?.string == "targetId")
        }
    }

    @Test("an exemption needs a reason, is shown with who granted it, ends on DELETE, and all of it is logged")
    func exemption() async throws {
        try await APIHarness.run { harness, client in
            let uri = "/v1/organization/exemption"
            for body in [#"{"reason": "   "}"#, #"{}"#, #"{"reason": 5}"#] {
                let refused = try await client.send(.put, uri, as: "a.admin", harness: harness, json: body)
                #expect(refused.status.code == 400 || refused.status.code == 422, "\(body)")
                #expect(refused.json["errors"]?.items.first?["field"]?.string == "reason", "\(body)")
            }
            let operatorTry = try await client.send(
                .put, uri, as: "a.operator", harness: harness, json: #"{"reason": "night shift"}"#)
            #expect(operatorTry.status == .forbidden)
            #expect(try await client.send(.get, uri, as: "a.admin", harness: harness).json["exempt"] == .bool(false))
            let granted = try await client.send(
                .put, uri, as: "a.admin", harness: harness, json: #"{"reason": "product recall notices"}"#)
            #expect(granted.status == .ok)
            #expect(granted.json["exempt"] == .bool(true) && granted.json["reason"]?.string == "product recall notices")
            #expect(granted.json["grantedBy"]?.string?.hasPrefix("a.admin (ob_") == true, "\(granted.text)")
            let ended = try await client.send(.delete, uri, as: "a.admin", harness: harness)
            #expect(ended.json["exempt"] == .bool(false))
            let log = try await client.send(.get, "/v1/audit?action=organization.", as: "a.admin", harness: harness)
            #expect(
                log.json["items"]?.items.compactMap { $0["action"]?.string }
                    == ["organization.exemption.end", "organization.exemption.grant"])
        }
    }
}
