import CampaignCore
import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// `/v1/sessions`: sign in for programs and the dashboard's scripts, who am I, sign out.
enum SessionHandlers {
    static func signIn(_ call: RouteCall) async throws -> RouteReply {
        let fields = try JSONBody.object(call.body, allowed: ["email", "password"])
        let email = try AccessFields.string(fields, "email", maxLength: 254)
        let password = try AccessFields.string(fields, "password", maxLength: 1024)
        let session = try await startSession(call.services, email: email, password: password, from: call.clientAddress)
        return JSONBody.response(
            representation(session.session), status: .created,
            headers: SessionCookie.start(token: session.token, services: call.services))
    }

    /// Signs in, or throws the problem of a refused (401) or throttled (429, `Retry-After`) sign-in.
    static func startSession(
        _ services: ServerServices, email: String, password: String, from address: String
    ) async throws -> (token: String, session: SessionRecord) {
        switch try await services.sessions.signIn(
            email: email, password: password, address: address, now: services.wallClock.now())
        {
        case .signedIn(let token, let session): return (token, session)
        case .refused: throw Problem(.unauthorized, "the email or the password is wrong")
        case .throttled(let seconds):
            throw Problem(
                .tooManyRequests, "too many failed sign-ins; try again in \(seconds) seconds",
                headers: [.retryAfter: String(seconds)])
        }
    }

    static func current(_ call: RouteCall) async throws -> RouteReply {
        if let session = call.session { return JSONBody.response(representation(session)) }
        let principal = try call.orgId
        return JSONBody.response(
            .object([
                "user": .null, "role": .string(call.principal?.role.rawValue ?? "viewer"),
                "orgId": .number(Double(principal)), "csrfToken": .null, "expiresAt": .null,
            ]))
    }

    static func signOut(_ call: RouteCall) async throws -> RouteReply {
        guard let session = call.session else {
            throw Problem(.notFound, "this request carries no session to end (it used an API key)")
        }
        try await call.services.sessions.signOut(sessionId: session.id)
        return RouteReply(
            status: .noContent,
            headers: [.setCookie: SessionCookie.clear(SessionCookie.name, secure: call.services.secureCookies)],
            body: ByteBuffer())
    }

    static func representation(_ session: SessionRecord) -> JSONValue {
        .object([
            "user": .object([
                "id": .number(Double(session.userId)), "email": .string(session.email),
                "role": .string(session.role.rawValue),
            ]),
            "role": .string(session.role.rawValue), "orgId": .number(Double(session.orgId)),
            "csrfToken": .string(session.csrfToken), "expiresAt": Representations.time(session.expiresAt),
        ])
    }
}

/// The fields of the access routes' bodies.
enum AccessFields {
    /// A required string field of at most `maxLength` characters.
    static func string(_ fields: [String: JSONValue], _ key: String, maxLength: Int) throws -> String {
        guard let value = try optionalString(fields, key, maxLength: maxLength) else {
            throw Problem.badField(key, "is required")
        }
        return value
    }

    /// A string field of at most `maxLength` characters, or nil when absent.
    static func optionalString(_ fields: [String: JSONValue], _ key: String, maxLength: Int) throws -> String? {
        switch fields[key] {
        case nil: return nil
        case .string(let text)?:
            guard text.count <= maxLength else { throw Problem.badField(key, "is longer than \(maxLength) characters") }
            return text
        case let other?: throw Problem.badField(key, "expected a string, found \(other.typeName)")
        }
    }

    /// The required `role` field.
    static func role(_ fields: [String: JSONValue]) throws -> AccessRole {
        let text = try string(fields, "role", maxLength: 20)
        guard let role = AccessRole(rawValue: text) else {
            throw Problem.badField("role", "'\(text)' is not admin, operator or viewer")
        }
        return role
    }

    /// Items after the `cursor` id, `limit` of them, with the next page's cursor.
    static func page<T>(
        _ items: [T], id: (T) -> Int64, call: RouteCall, kind: String
    ) throws -> (items: [T], next: String?) {
        let after = try PageCursor.decode(call.query("cursor"), kind: kind, count: 1)?.first ?? 0
        let limit = try call.limit()
        let rest = items.filter { id($0) > after }
        let page = Array(rest.prefix(limit))
        return (page, rest.count > limit ? page.last.map { PageCursor.encode(kind, [id($0)]) } : nil)
    }
}
