import CampaignStore
import ContactImport
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import Testing

@Suite("The server-rendered sign-in page and its form posts")
struct SignInPageTests {
    /// The value of the hidden `csrf` field of a page.
    static func formToken(_ page: String) -> String? {
        guard let range = page.range(of: #"name="csrf" value=""#) else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The value a `Set-Cookie` header sets.
    static func cookieValue(_ header: String?) -> String? {
        header?.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last.map(String.init)
    }

    static func post(
        _ client: some TestClientProtocol, _ path: String, form: String, cookie: String
    ) async throws -> TestResponse {
        try await client.executeRequest(
            uri: path, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
            body: ByteBuffer(string: form))
    }

    @Test("GET / shows the form with a CSRF token; posting it signs in (303) and the page then shows the user")
    func signIn() async throws {
        try await APIHarness.run { harness, client in
            let page = try await client.executeRequest(uri: "/", method: .get, headers: [:], body: nil)
            #expect(page.status == .ok && page.headers[.contentType]?.hasPrefix("text/html") == true)
            let token = try #require(Self.formToken(page.text))
            #expect(Self.cookieValue(page.headers[.setCookie]) == token)
            let form =
                "email=admin%40a.example&password=\(APIHarness.password.replacingOccurrences(of: " ", with: "+"))"
            let signedIn = try await Self.post(
                client, "/sign-in", form: form + "&csrf=\(token)", cookie: "outbound_signin=\(token)")
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/")
            let session = try #require(
                signedIn.headers[values: .setCookie].first { $0.hasPrefix("outbound_session=") })
            let cookie = "outbound_session=\(Self.cookieValue(session) ?? "")"
            let home = try await client.executeRequest(uri: "/", method: .get, headers: [.cookie: cookie], body: nil)
            #expect(home.text.contains("admin@a.example") && home.text.contains("/sign-out"))
            let csrf = try #require(Self.formToken(home.text))
            let refused = try await Self.post(client, "/sign-out", form: "csrf=wrong", cookie: cookie)
            #expect(refused.status == .forbidden)
            let out = try await Self.post(client, "/sign-out", form: "csrf=\(csrf)", cookie: cookie)
            #expect(out.status == .seeOther)
            let after = try await client.executeRequest(uri: "/", method: .get, headers: [.cookie: cookie], body: nil)
            #expect(after.text.contains("Sign in") && !after.text.contains("admin@a.example"))
            _ = harness
        }
    }

    @Test("a form post without the form's token, or with another, is 403 and signs nobody in")
    func csrf() async throws {
        try await APIHarness.run { _, client in
            let form = "email=admin%40a.example&password=correct+horse+battery"
            let missing = try await Self.post(client, "/sign-in", form: form, cookie: "outbound_signin=abc")
            #expect(missing.status == .forbidden && missing.headers[.setCookie] == nil)
            let other = try await Self.post(
                client, "/sign-in", form: form + "&csrf=abd", cookie: "outbound_signin=abc")
            #expect(other.status == .forbidden && other.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("a wrong password re-renders the form with 401")
    func wrongPassword() async throws {
        try await APIHarness.run { _, client in
            let form = "email=admin%40a.example&password=nope&csrf=abc"
            let response = try await Self.post(client, "/sign-in", form: form, cookie: "outbound_signin=abc")
            #expect(response.status == .unauthorized && response.text.contains("wrong"))
        }
    }
}

@Suite("Session cookies on a real listening socket")
struct LiveSessionTests {
    @Test("Set-Cookie carries HttpOnly, SameSite=Lax, Path=/ and a Max-Age; the cookie authenticates over TCP")
    func cookieAttributes() async throws {
        try await APIHarness.run(.live) { harness, client in
            let response = try await client.signIn("admin@a.example")
            #expect(response.status == .created)
            let header = try #require(response.headers[.setCookie])
            let attributes = Set(
                header.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(attributes.isSuperset(of: ["HttpOnly", "SameSite=Lax", "Path=/"]))
            #expect(attributes.contains("Max-Age=\(Int(SignInPolicy.standard.lifetime))"))
            #expect(!attributes.contains("Secure"))
            let token = SignInPageTests.cookieValue(header) ?? ""
            let campaigns = try await client.executeRequest(
                uri: "/v1/campaigns", method: .get, headers: [.cookie: "outbound_session=\(token)"], body: nil)
            #expect(campaigns.status == .ok && campaigns.text.contains("Acme spring"))
            _ = harness
        }
    }
}

@Suite("Secure cookies behind HTTPS")
struct SecureCookieTests {
    @Test("with --secure-cookies the session and sign-in form cookies are Secure; X-Forwarded-Proto changes nothing")
    func secure() async throws {
        try await APIHarness.run { harness, plain in
            let forwarded = try await plain.executeRequest(
                uri: "/", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"], body: nil)
            #expect(forwarded.headers[.setCookie]?.contains("Secure") == false)
            let services = ServerServices(
                store: harness.store, clock: harness.clock, compliance: harness.services.compliance,
                numbers: try PhoneNumberValidator(metadata: try PhoneMetadata.loadBundled()), wallClock: harness.clock,
                bcryptCost: 4, secureCookies: true)
            let app = ServerApp.application(
                services: services, configuration: ServerConfiguration(host: "127.0.0.1", port: 0), background: [])
            try await app.test(.router) { client in
                let page = try await client.executeRequest(uri: "/", method: .get, headers: [:], body: nil)
                #expect(page.headers[.setCookie]?.hasSuffix("; Secure") == true)
                let session = try await client.signIn("admin@a.example")
                #expect(session.status == .created && session.headers[.setCookie]?.hasSuffix("; Secure") == true)
            }
        }
    }
}
