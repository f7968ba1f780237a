import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OutboundApp

/// The dashboard's sign-in routes (server-rendered, outside the API's table): `GET /`, `POST /sign-in` (form
/// `email`, `password`, `csrf`; the form's CSRF token is also in the `outbound_signin` cookie, double-submit, so no
/// other site can sign a browser in) and `POST /sign-out` (form `csrf`, the session's token).
enum SignInPages {
    static let formLimit = 16 << 10

    /// `router` with the sign-in routes added.
    static func add(
        to router: Router<ServerRequestContext>, services: ServerServices
    ) -> Router<ServerRequestContext> {
        router.get("/") { request, _ in try await home(request, services: services) }
        router.post("/sign-in") { request, context in
            try await signIn(request, services: services, address: context.clientAddress)
        }
        router.post("/sign-out") { request, _ in try await signOut(request, services: services) }
        return router
    }

    static func home(_ request: Request, services: ServerServices) async throws -> Response {
        if let token = SessionCookie.value(SessionCookie.name, in: request),
            case .valid(let session) = try await services.sessions.check(token, now: services.wallClock.now())
        {
            return try await DashboardPages.home(request, user: DashboardUser(session: session), services: services)
        }
        return signInForm(services: services)
    }

    /// The sign-in form with a fresh form token, set in its cookie too.
    static func signInForm(
        services: ServerServices, status: HTTPResponse.Status = .ok, message: String? = nil,
        headers: HTTPFields = [:]
    ) -> Response {
        let csrf = AccessSessions.newToken()
        var fields = headers
        fields[.setCookie] = SessionCookie.set(
            SessionCookie.signInName, csrf, maxAge: 3600, secure: services.secureCookies)
        return html(SignInPage.signIn(csrf: csrf, message: message), status: status, headers: fields)
    }

    static func signIn(_ request: Request, services: ServerServices, address: String) async throws -> Response {
        let form = try await formFields(request)
        let expected = SessionCookie.value(SessionCookie.signInName, in: request) ?? ""
        guard AccessSessions.tokensMatch(form["csrf"] ?? "", expected) else {
            throw Problem(.forbidden, "csrf: the sign-in form's token is missing or stale; reload the page")
        }
        let email = String((form["email"] ?? "").prefix(254))
        let password = String((form["password"] ?? "").prefix(1024))
        do {
            let started = try await SessionHandlers.startSession(
                services, email: email, password: password, from: address)
            var fields = SessionCookie.start(token: started.token, services: services)
            fields.append(
                HTTPField(
                    name: .setCookie,
                    value: SessionCookie.clear(SessionCookie.signInName, secure: services.secureCookies))
            )
            fields[.location] = "/"
            return Response(status: .seeOther, headers: fields)
        } catch let problem as Problem where problem.status == .unauthorized || problem.status == .tooManyRequests {
            return signInForm(
                services: services, status: problem.status, message: problem.detail, headers: problem.headers)
        }
    }

    static func signOut(_ request: Request, services: ServerServices) async throws -> Response {
        let form = try await formFields(request)
        let clearing: HTTPFields = [
            .location: "/", .setCookie: SessionCookie.clear(SessionCookie.name, secure: services.secureCookies),
        ]
        guard let token = SessionCookie.value(SessionCookie.name, in: request),
            case .valid(let session) = try await services.sessions.check(token, now: services.wallClock.now())
        else { return Response(status: .seeOther, headers: clearing) }
        let presented = form["csrf"] ?? request.headers[RequestCredentials.csrfHeader] ?? ""
        guard AccessSessions.tokensMatch(presented, session.csrfToken) else {
            throw Problem(.forbidden, "csrf: signing out needs the session's CSRF token")
        }
        try await services.sessions.signOut(sessionId: session.id)
        return Response(status: .seeOther, headers: clearing)
    }

    /// The fields of an `application/x-www-form-urlencoded` body (415 for another type, 413 above the limit).
    static func formFields(_ request: Request) async throws -> [String: String] {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/x-www-form-urlencoded" else {
            throw Problem(.unsupportedMediaType, "send the form as application/x-www-form-urlencoded")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: formLimit)
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "the form is larger than \(formLimit) bytes")
        }
        var fields: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decoded = parts.map { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let name = decoded.first, fields[name] == nil { fields[name] = decoded.count > 1 ? decoded[1] : "" }
        }
        return fields
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
