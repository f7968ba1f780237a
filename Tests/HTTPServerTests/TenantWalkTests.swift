import CampaignCore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
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
        case "users": id = harness.users["admin@a.example"] ?? 0
        case "api-keys": id = harness.keyIdA
        case "webhooks": id = harness.webhookA
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
        "PhoneNumberEdit": #"{"label": "B's label"}"#, "OptOutRequest": #"{"number": "+12125550001"}"#,
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

    /// A valid body for the routes whose body is not a settings document, by operation id.
    static let bodies = [
        "signIn": #"{"email": "admin@b.example", "password": "\#(APIHarness.password)"}"#,
        "createUser": #"{"email": "walk@b.example", "role": "viewer"}"#,
        "updateUser": #"{"role": "viewer"}"#,
        "createAPIKey": #"{"name": "walk", "role": "viewer"}"#,
    ]

    @Test(
        "an admin of organisation B, by key and by session, gets 404 for every object of A, and B's lists show none",
        arguments: [false, true])
    func foreignAdmin(bySession: Bool) async throws {
        try await APIHarness.run { harness, client in
            #expect(harness.callA > 0 && harness.leadA > 0)
            let session = try await client.session("admin@b.example")
            for route in APIRoutes.all {
                let body = Self.bodies[route.operationId] ?? Self.body(route)
                var headers: HTTPFields = [.ifMatch: "\"anything\""]
                var csv: ByteBuffer?
                if route.requestBody?.mediaType == "text/csv" {
                    headers[.contentType] = "text/csv"
                    csv = ByteBuffer(string: "phone_number\n+12125550100\n")
                } else if body != nil {
                    headers[.contentType] = "application/json"
                }
                // Signing out ends the session the rest of the walk uses: it gets one of its own.
                let signedIn = route.operationId == "signOut" ? try await client.session("admin@b.example") : session
                let credentials = bySession ? signedIn.headers() : harness.auth("b.admin")
                let response = try await client.executeRequest(
                    uri: Self.uri(route, harness: harness), method: route.method,
                    headers: credentials.merging(headers), body: csv ?? body.map { ByteBuffer(string: $0) })
                if route.access == .callToken {
                    #expect(response.status == .unauthorized, "\(route.path): an API key or session is no call token")
                } else if route.parameters.contains(where: { $0.location == .path }) {
                    #expect(response.status == .notFound, "\(route.method) \(route.path)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                } else if route.operationId == "signOut" && !bySession {
                    #expect(response.status == .notFound, "a key has no session to end")
                } else {
                    #expect(response.status.code < 300, "\(route.method) \(route.path)")
                    for secret in ["Acme spring", "Acme trunk", "+12125559999", "acme-secret-pw"] {
                        #expect(!response.text.contains(secret), "\(route.method) \(route.path) leaks A")
                    }
                    #expect(!response.text.contains("a.example"), "\(route.method) \(route.path) leaks A's users")
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
                case .callToken:
                    #expect(response.status == .unauthorized, "\(route.method) \(route.path)")
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
                        #expect(route.method == .get ? response.status == .ok : response.status == .badRequest)
                    } else {
                        #expect(response.status == .unauthorized, "\(route.method) \(route.path)")
                        #expect(response.headers[.wwwAuthenticate] != nil)
                    }
                }
            }
            let revokedAnswer = try await client.send(.get, "/v1/campaigns", as: revoked, harness: harness)
            #expect(revokedAnswer.json["detail"]?.string?.contains("revoked") == true)
            let ended = try await client.session("admin@a.example")
            harness.clock.advance(by: SignInPolicy.standard.idleTimeout)
            for route in APIRoutes.all where route.access != .anyone && route.access != .callToken {
                for cookie in [
                    "outbound_session=\(ended.cookie)", "outbound_session=" + String(repeating: "a", count: 64),
                ] {
                    let response = try await client.executeRequest(
                        uri: Self.uri(route, harness: harness), method: route.method,
                        headers: [.cookie: cookie, HTTPField.Name("X-CSRF-Token")!: ended.csrf], body: nil)
                    #expect(response.status == .unauthorized, "\(route.method) \(route.path) with an ended session")
                }
            }
        }
    }
}
