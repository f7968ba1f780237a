import CampaignCore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Every route of the table, walked as another organisation and without credentials")
struct TenantWalkTests {
    /// The route's path with organisation A's id of the object it names.
    static func uri(_ route: APIRoute, harness: APIHarness) -> String {
        let id: Int64
        switch route.tag {
        case "leads" where route.path.hasPrefix("/v1/leads"): id = harness.leadA
        case "calls" where route.path.hasPrefix("/v1/calls"): id = harness.callA
        case "agents": id = harness.catalogA.agent
        case "carriers": id = harness.catalogA.carrier
        case "numbers": id = harness.catalogA.number
        default: id = harness.campaignA
        }
        return route.path.replacingOccurrences(of: "{id}", with: String(id))
            .replacingOccurrences(of: "{number}", with: harness.catalogA.optOut)
    }

    /// A body each catalog route accepts, so that B's admin gets past parsing to the tenancy check.
    static let catalogBodies: [String: String] = [
        "AgentRequest": #"{"name": "B agent"}"#, "AgentPreviewRequest": #"{"variables": {"NAME": "Bea"}}"#,
        "CarrierRequest": #"{"name": "B trunk", "kind": "simulator"}"#,
        "PhoneNumberRequest": #"{"e164": "+14155550100", "label": "B's copy"}"#,
        "OptOutRequest": #"{"number": "+12125550001"}"#,
    ]

    static func body(_ route: APIRoute) -> String? {
        if let example = route.requestBody?.example {
            return (try? JSONEncoder().encode(example)).map { String(decoding: $0, as: UTF8.self) }
        }
        guard case .object(let fields) = route.requestBody?.schema.value, case .string(let ref)? = fields["$ref"]
        else { return nil }
        let name = String(ref.split(separator: "/").last ?? "")
        return name == "SettingsDocument" ? settings : catalogBodies[name]
    }

    static let settings = #"{"name": "B's", "agent": {"name": "Bo"}, "numberPool": ["+14155550199"]}"#

    @Test("an admin of organisation B gets 404 for every object of A, and B's lists show none of A's")
    func foreignAdmin() async throws {
        try await APIHarness.run { harness, client in
            #expect(harness.callA > 0 && harness.leadA > 0)
            for route in APIRoutes.all {
                let body = Self.body(route)
                var headers: HTTPFields = [.ifMatch: "\"anything\""]
                var csv: ByteBuffer?
                if route.requestBody?.mediaType == "text/csv" {
                    headers[.contentType] = "text/csv"
                    csv = ByteBuffer(string: "phone_number\n+12125550100\n")
                }
                let response =
                    csv == nil
                    ? try await client.send(
                        route.method, Self.uri(route, harness: harness), as: "b.admin", harness: harness, json: body,
                        headers: headers)
                    : try await client.executeRequest(
                        uri: Self.uri(route, harness: harness), method: route.method,
                        headers: harness.auth("b.admin").merging(headers), body: csv)
                if route.parameters.contains(where: { $0.location == .path }) {
                    #expect(response.status == .notFound, "\(route.method) \(route.path)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                } else {
                    #expect(response.status.code < 300, "\(route.method) \(route.path)")
                    for secret in ["Acme spring", "Acme trunk", "+12125559999", "acme-secret-pw"] {
                        #expect(!response.text.contains(secret), "\(route.method) \(route.path) leaks A")
                    }
                }
            }
        }
    }

    @Test("a viewer of B gets 403 for every route that changes something, and 404 for A's objects otherwise")
    func foreignViewer() async throws {
        try await APIHarness.run { harness, client in
            for route in APIRoutes.all {
                let response = try await client.send(
                    route.method, Self.uri(route, harness: harness), as: "b.viewer", harness: harness,
                    json: route.requestBody == nil ? nil : "{}")
                switch route.access {
                case .role(let role) where role > .viewer:
                    #expect(response.status == .forbidden, "\(route.method) \(route.path)")
                case _ where route.parameters.contains { $0.location == .path }:
                    #expect(response.status == .notFound, "\(route.method) \(route.path)")
                default:
                    #expect(response.status.code < 500, "\(route.method) \(route.path)")
                }
            }
        }
    }

    @Test("without a key, with a bad key or a revoked one, every protected route answers 401")
    func credentials() async throws {
        try await APIHarness.run { harness, client in
            let revoked = try #require(harness.keys["a.revoked"])
            for route in APIRoutes.all {
                let uri = Self.uri(route, harness: harness)
                for key in [nil, "ob_notakey", revoked] {
                    let response = try await client.send(route.method, uri, as: key, harness: harness)
                    if route.access == .anyone {
                        #expect(response.status == .ok)
                    } else {
                        #expect(response.status == .unauthorized, "\(route.method) \(route.path)")
                        #expect(response.headers[.wwwAuthenticate] != nil)
                    }
                }
            }
            let revokedAnswer = try await client.send(.get, "/v1/campaigns", as: revoked, harness: harness)
            #expect(revokedAnswer.json["detail"]?.string?.contains("revoked") == true)
        }
    }
}
