import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// The signed-in user a dashboard page is shown to: their session (the CSRF token every form carries) and what their
/// role may do, judged by the access of the API route that does the same thing (so the page and the API agree).
struct DashboardUser: Sendable {
    /// The session behind the cookie.
    let session: SessionRecord

    /// The organisation.
    var orgId: Int64 { session.orgId }
    /// The principal the use cases and the audit log see.
    var principal: AccessPrincipal {
        var principal = AccessPrincipal(orgId: session.orgId, role: session.role, userId: session.userId)
        principal.label = session.email
        return principal
    }

    /// Whether this user's role may call the API operation `operationId` (a page shows an action only then).
    func may(_ operationId: String) -> Bool {
        guard let route = APIRoutes.all.first(where: { $0.operationId == operationId }) else { return false }
        switch route.access {
        case .anyone: return true
        case .role(let needed): return session.role.allows(needed)
        case .callToken: return false
        }
    }

    /// The signed-in user of `request`, or nil when the request carries no valid session.
    static func of(_ request: Request, services: ServerServices) async throws -> DashboardUser? {
        guard let token = SessionCookie.value(SessionCookie.name, in: request), !token.isEmpty,
            case .valid(let session) = try await services.sessions.check(token, now: services.wallClock.now())
        else { return nil }
        return DashboardUser(session: session)
    }

    /// The fields of a form post, after checking that its `csrf` field is the session's token (403 otherwise).
    func form(_ request: Request) async throws -> [String: String] {
        let fields = try await SignInPages.formFields(request)
        guard AccessSessions.tokensMatch(fields["csrf"] ?? "", session.csrfToken) else {
            throw Problem(.forbidden, "csrf: the form's token is missing or stale; reload the page and try again")
        }
        return fields
    }
}
