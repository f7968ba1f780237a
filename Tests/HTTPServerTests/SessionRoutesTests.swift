import CampaignStore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import Testing

/// A signed-in browser: its session cookie and CSRF token.
struct SignedIn: Sendable {
    var cookie: String
    var csrf: String

    /// Headers of a request of this session; `csrf` false leaves the token out.
    func headers(csrf withToken: Bool = true) -> HTTPFields {
        var fields: HTTPFields = [.cookie: "outbound_session=\(cookie)"]
        if withToken { fields[HTTPField.Name("X-CSRF-Token")!] = csrf }
        return fields
    }
}

extension TestClientProtocol {
    /// Signs in over `POST /v1/sessions`.
    func signIn(_ email: String, password: String = APIHarness.password) async throws -> TestResponse {
        try await executeRequest(
            uri: "/v1/sessions", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"email": "\#(email)", "password": "\#(password)"}"#))
    }

    /// Signs in and returns the session.
    func session(_ email: String) async throws -> SignedIn {
        let response = try await signIn(email)
        let setCookie = response.headers[.setCookie] ?? ""
        let token = setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last.map(String.init)
        return SignedIn(cookie: token ?? "", csrf: response.json["csrfToken"]?.string ?? "")
    }

    /// A request of a session.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, session: SignedIn, csrf: Bool = true, json: String? = nil
    ) async throws -> TestResponse {
        var fields = session.headers(csrf: csrf)
        if json != nil { fields[.contentType] = "application/json" }
        return try await executeRequest(
            uri: uri, method: method, headers: fields, body: json.map { ByteBuffer(string: $0) })
    }
}

@Suite("Sign-in, cookie sessions and CSRF")
struct SessionRoutesTests {
    @Test("signing in sets the session cookie; the session acts with the user's role on /v1 like a key")
    func signIn() async throws {
        try await APIHarness.run { harness, client in
            let response = try await client.signIn("Admin@A.example")
            #expect(response.status == .created)
            #expect(response.json["role"]?.string == "admin" && response.json["orgId"]?.int == harness.orgA)
            #expect(response.json["user"]?["email"]?.string == "admin@a.example")
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.hasPrefix("outbound_session=") && cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax") && cookie.contains("Path=/") && !cookie.contains("Secure"))
            #expect(!response.text.contains("$2"))
            let session = try await client.session("admin@a.example")
            #expect(session.cookie.count == 64 && session.csrf.count == 64)
            let current = try await client.send(.get, "/v1/sessions/current", session: session, csrf: false)
            #expect(current.status == .ok && current.json["csrfToken"]?.string == session.csrf)
            let campaign = try await client.send(
                .get, "/v1/campaigns/\(harness.campaignA)", session: session, csrf: false)
            #expect(campaign.status == .ok)
            let paused = try await client.send(.post, "/v1/campaigns/\(harness.campaignA)/pause", session: session)
            #expect(paused.status == .ok && paused.json["status"]?.string == "paused")
            let stored = try await harness.store.session(tokenHash: AccessKeys.hash(session.cookie))
            #expect(stored?.userId == harness.users["admin@a.example"])
        }
    }

    @Test("a viewer's session reads but gets 403 for a change; another organisation's objects are 404")
    func viewer() async throws {
        try await APIHarness.run { harness, client in
            let viewer = try await client.session("viewer@a.example")
            let start = try await client.send(.post, "/v1/campaigns/\(harness.campaignA)/pause", session: viewer)
            #expect(start.status == .forbidden)
            let other = try await client.session("admin@b.example")
            let foreign = try await client.send(.get, "/v1/campaigns/\(harness.campaignA)", session: other, csrf: false)
            #expect(foreign.status == .notFound)
        }
    }

    @Test("a wrong password and an unknown email get the same 401, and no cookie")
    func refused() async throws {
        try await APIHarness.run { _, client in
            let wrong = try await client.signIn("admin@a.example", password: "not the password")
            let unknown = try await client.signIn("nobody@a.example")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.json["detail"] == unknown.json["detail"])
            #expect(wrong.headers[.setCookie] == nil && unknown.headers[.setCookie] == nil)
            let missing = try await client.executeRequest(
                uri: "/v1/sessions", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email": "admin@a.example"}"#))
            #expect(missing.status == .badRequest)
            #expect(missing.json["errors"]?.items.first?["field"]?.string == "password")
        }
    }

    @Test("an unsafe request of a session without its CSRF token, or with a wrong one, is 403 and changes nothing")
    func csrf() async throws {
        try await APIHarness.run { harness, client in
            let session = try await client.session("admin@a.example")
            let uri = "/v1/campaigns/\(harness.campaignA)/pause"
            let missing = try await client.send(.post, uri, session: session, csrf: false)
            #expect(missing.status == .forbidden)
            #expect(missing.headers[.contentType] == "application/problem+json")
            var forged = session
            forged.csrf = String(session.csrf.reversed())
            let wrong = try await client.send(.post, uri, session: forged)
            #expect(wrong.status == .forbidden)
            let user = try await client.send(
                .post, "/v1/users", session: forged, json: #"{"email": "x@a.example", "role": "viewer"}"#)
            #expect(user.status == .forbidden)
            #expect(try await harness.store.campaign(id: harness.campaignA)?.status == .running)
            #expect(try await harness.store.user(email: "x@a.example") == nil)
            let keyed = try await client.send(.post, uri, as: "a.operator", harness: harness)
            #expect(keyed.status == .ok)
        }
    }

    @Test("a session idle past its timeout, or past its lifetime, answers 401 and is removed")
    func expiry() async throws {
        try await APIHarness.run { harness, client in
            let policy = SignInPolicy.standard
            let idle = try await client.session("admin@a.example")
            harness.clock.advance(by: policy.idleTimeout - 60)
            #expect(try await client.send(.get, "/v1/campaigns", session: idle).status == .ok)
            harness.clock.advance(by: policy.idleTimeout - 60)
            #expect(try await client.send(.get, "/v1/campaigns", session: idle).status == .ok)
            harness.clock.advance(by: policy.idleTimeout)
            let ended = try await client.send(.get, "/v1/campaigns", session: idle)
            #expect(ended.status == .unauthorized)
            #expect(ended.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await harness.store.session(tokenHash: AccessKeys.hash(idle.cookie)) == nil)

            let busy = try await client.session("admin@a.example")
            var elapsed: TimeInterval = 0
            while elapsed + 3600 < policy.lifetime {
                harness.clock.advance(by: 3600)
                elapsed += 3600
                #expect(try await client.send(.get, "/v1/campaigns", session: busy).status == .ok)
            }
            harness.clock.advance(by: policy.lifetime - elapsed)
            #expect(try await client.send(.get, "/v1/campaigns", session: busy).status == .unauthorized)
        }
    }

    @Test("signing out ends the session; a key has no session to end")
    func signOut() async throws {
        try await APIHarness.run { harness, client in
            let session = try await client.session("admin@a.example")
            let refused = try await client.send(.delete, "/v1/sessions/current", session: session, csrf: false)
            #expect(refused.status == .forbidden)
            let out = try await client.send(.delete, "/v1/sessions/current", session: session)
            #expect(out.status == .noContent && out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.send(.get, "/v1/campaigns", session: session).status == .unauthorized)
            let keyed = try await client.send(.delete, "/v1/sessions/current", as: "a.admin", harness: harness)
            #expect(keyed.status == .notFound)
            let whoami = try await client.send(.get, "/v1/sessions/current", as: "a.viewer", harness: harness)
            #expect(whoami.status == .ok && whoami.json["role"]?.string == "viewer")
            #expect(whoami.json["user"] == .null && whoami.json["csrfToken"] == .null)
        }
    }
}
