import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// Who a request is: an API key (`Authorization: Bearer …`, which wins when both are sent) or a signed-in user's
/// session cookie. A session's unsafe requests (POST, PUT, PATCH, DELETE) must echo its CSRF token in
/// `X-CSRF-Token`, compared in constant time; API-key requests need none (a browser never adds that header).
enum RequestCredentials {
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    static let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"outbound\""]

    /// The principal of the request and, for a cookie, its session.
    static func authenticate(
        _ request: Request, services: ServerServices
    ) async throws -> (principal: AccessPrincipal, session: SessionRecord?) {
        if request.headers[.authorization] != nil {
            return (try await RouteDispatch.authenticate(request, services: services), nil)
        }
        guard let token = SessionCookie.value(SessionCookie.name, in: request), !token.isEmpty else {
            throw Problem(
                .unauthorized, "send an API key as 'Authorization: Bearer ob_…', or sign in (POST /v1/sessions)",
                headers: challenge)
        }
        switch try await services.sessions.check(token, now: services.wallClock.now()) {
        case .unknown:
            throw Problem(.unauthorized, "this session is not valid; sign in again", headers: ending(services))
        case .ended:
            throw Problem(.unauthorized, "this session has ended; sign in again", headers: ending(services))
        case .valid(let session):
            if isUnsafe(request.method) {
                let presented = request.headers[csrfHeader] ?? ""
                guard AccessSessions.tokensMatch(presented, session.csrfToken) else {
                    throw Problem(
                        .forbidden,
                        "a signed-in request that changes something must carry the session's CSRF token in "
                            + "X-CSRF-Token (GET /v1/sessions/current gives it)")
                }
            }
            var principal = AccessPrincipal(orgId: session.orgId, role: session.role, userId: session.userId)
            principal.label = session.email
            return (principal, session)
        }
    }

    /// Whether `method` may change something (and so needs the CSRF token under a session).
    static func isUnsafe(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    /// The challenge plus the removal of a session cookie that no longer works.
    static func ending(_ services: ServerServices) -> HTTPFields {
        var fields = challenge
        fields[.setCookie] = SessionCookie.clear(SessionCookie.name, secure: services.secureCookies)
        return fields
    }
}
