import CampaignCore
import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// The dashboard's routes (server-rendered, outside the API's table): pages answer GET for a signed-in user and
/// send anyone else to `/` to sign in; actions are form posts carrying the session's CSRF token, refused (403) for
/// a role the matching API route refuses, and answered with a 303 back to the page with a notice or the error.
enum DashboardPages {
    typealias Page = @Sendable (Request, ServerRequestContext, DashboardUser) async throws -> Response
    typealias Action = @Sendable ([String: String], ServerRequestContext, DashboardUser) async throws -> Response

    /// `router` with the dashboard's pages, actions and assets added.
    static func add(
        to router: Router<ServerRequestContext>, services: ServerServices
    ) -> Router<ServerRequestContext> {
        router.get("/assets/{name}") { _, context in
            DashboardAssets.response(context.parameters.get("name") ?? "")
        }
        page(router, "/campaigns", services) { request, _, user in
            try await CampaignListPage.show(request, user: user, services: services)
        }
        page(router, "/campaigns/{id}", services) { request, context, user in
            try await CampaignDetailPage.show(
                request, id: try DashboardPages.id(context), user: user, services: services)
        }
        page(router, "/campaigns/new", services) { request, _, user in
            try await CampaignWizardPage.new(request, user: user, services: services)
        }
        page(router, "/campaigns/{id}/edit", services) { request, context, user in
            try await CampaignWizardPage.edit(
                request, id: try DashboardPages.id(context), user: user, services: services)
        }
        page(router, "/campaigns/{id}/leads/{lead}", services) { request, context, user in
            try await LeadPage.show(
                request, campaignId: try DashboardPages.id(context), leadId: try DashboardPages.id(context, "lead"),
                user: user, services: services)
        }
        page(router, "/campaigns/{id}/live", services) { _, context, user in
            try await CampaignLiveFigures.response(id: try DashboardPages.id(context), user: user, services: services)
        }
        CampaignActionForms.add(to: router, services: services)
        CampaignWizardPage.addPlainPosts(to: router, services: services)
        CatalogPages.add(to: router, services: services)
        CarrierPages.add(to: router, services: services)
        AgentPages.add(to: router, services: services)
        AccessPages.add(to: router, services: services)
        WebhookPages.add(to: router, services: services)
        return router
    }

    /// The campaign list, for `/` once signed in.
    static func home(_ request: Request, user: DashboardUser, services: ServerServices) async throws -> Response {
        try await AuditContext.$actor.withValue(user.principal.auditActor) {
            try await CampaignListPage.show(request, user: user, services: services)
        }
    }

    /// Registers the page at `path`.
    static func page(
        _ router: Router<ServerRequestContext>, _ path: String, _ services: ServerServices, _ handler: @escaping Page
    ) {
        router.get(RouterPath(path)) { request, context in
            guard let user = try await DashboardUser.of(request, services: services) else {
                return DashboardView.redirect("/")
            }
            return try await AuditContext.$actor.withValue(user.principal.auditActor) {
                try await handler(request, context, user)
            }
        }
    }

    /// Registers the form post at `path`, allowed when the user may call the API operation `operation(context)`.
    static func action(
        _ router: Router<ServerRequestContext>, _ path: String, _ services: ServerServices,
        operation: @escaping @Sendable (ServerRequestContext) -> String, _ handler: @escaping Action
    ) {
        router.post(RouterPath(path)) { request, context in
            guard let user = try await DashboardUser.of(request, services: services) else {
                return DashboardView.redirect("/")
            }
            let fields = try await user.form(request)
            guard user.may(operation(context)) else {
                throw Problem(.forbidden, "this role (\(user.session.role.rawValue)) may not do that")
            }
            let back = fields["back"] ?? "/campaigns"
            do {
                return try await AuditContext.$actor.withValue(user.principal.auditActor) {
                    try await handler(fields, context, user)
                }
            } catch {
                let problem = ProblemMiddleware<ServerRequestContext>.problem(for: error)
                guard problem.status != .internalServerError else { throw error }
                return DashboardView.redirect(back, error: message(problem))
            }
        }
    }

    /// A problem as one sentence for the page: its detail and the fields it names.
    static func message(_ problem: Problem) -> String {
        let fields = problem.errors.map { "\($0.field): \($0.detail)" }
        return fields.isEmpty ? problem.detail : fields.joined(separator: "; ")
    }

    /// The path parameter `name` as an id (404 when it is not one).
    static func id(_ context: ServerRequestContext, _ name: String = "id") throws -> Int64 {
        guard let text = context.parameters.get(name), let id = Int64(text), id > 0 else {
            throw Problem(.notFound, "no such page")
        }
        return id
    }
}
