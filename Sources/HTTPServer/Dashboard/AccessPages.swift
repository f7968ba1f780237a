import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// `/api-keys` (create, shown once; revoke), `/users` (add, with a generated password shown once) and `/audit`,
/// through the same use cases and role checks as the API.
enum AccessPages {
    static func add(to router: Router<ServerRequestContext>, services: ServerServices) {
        DashboardPages.page(router, "/api-keys", services) { request, _, user in
            try await keys(request, user: user, services: services, created: nil)
        }
        DashboardPages.action(router, "/api-keys", services, operation: { _ in "createAPIKey" }) { fields, _, user in
            let role = AccessRole(rawValue: fields["role"] ?? "") ?? .viewer
            let created = try await services.keys.create(
                orgId: user.orgId, name: fields["name"] ?? "", role: role, now: services.wallClock.now())
            return try await keys(nil, user: user, services: services, created: created.key)
        }
        DashboardPages.action(router, "/api-keys/{id}/revoke", services, operation: { _ in "revokeAPIKey" }) {
            _, context, user in
            let record = try await services.keys.revoke(
                orgId: user.orgId, id: try DashboardPages.id(context), now: services.wallClock.now())
            return DashboardView.redirect("/api-keys", notice: "Key \(record.name) (\(record.prefix)…) revoked")
        }
        DashboardPages.page(router, "/users", services) { request, _, user in
            try await users(request, user: user, services: services, created: nil)
        }
        DashboardPages.action(router, "/users", services, operation: { _ in "createUser" }) { fields, _, user in
            let role = AccessRole(rawValue: fields["role"] ?? "") ?? .viewer
            let added = try await services.users.add(
                orgId: user.orgId, email: fields["email"] ?? "", password: nil, role: role,
                now: services.wallClock.now())
            return try await users(
                nil, user: user, services: services,
                created: "\(added.user.email): \(added.generatedPassword ?? "")")
        }
        DashboardPages.page(router, "/audit", services) { request, _, user in
            let before = request.uri.queryParameters["before"].flatMap { Int64(String($0)) }
            let page = try await services.audit.entries(
                orgId: user.orgId, filter: AuditFilter(), beforeId: before, limit: 100)
            var context: [String: Any] = [
                "entries": page.items.map { entry in
                    [
                        "at": ISOTime.format(entry.at), "who": entry.actor.label, "action": entry.action,
                        "target": entry.targetId.map { "\(entry.targetKind) \($0)" } ?? entry.targetKind,
                        "detail": entry.detail.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                            .joined(separator: ", "),
                    ]
                },
                "hasEntries": !page.items.isEmpty,
            ]
            if let next = page.next { context["next"] = "?before=\(next)" }
            return DashboardView.page(
                "audit", title: "Audit log", section: "/audit", user: user, request: request, context: context)
        }
    }

    /// The keys page; `created` is a key just made, shown this once.
    static func keys(
        _ request: Request?, user: DashboardUser, services: ServerServices, created: String?
    ) async throws -> Response {
        let canManage = user.may("createAPIKey")
        let keys = canManage ? try await services.keys.list(orgId: user.orgId) : []
        var context: [String: Any] = [
            "keys": keys.map { key in
                [
                    "id": key.id, "name": key.name, "prefix": key.prefix, "role": key.role.rawValue,
                    "created": ISOTime.format(key.createdAt), "lastUsed": key.lastUsedAt.map(ISOTime.format) ?? "never",
                    "active": key.revokedAt == nil,
                ] as [String: Any]
            },
            "hasKeys": !keys.isEmpty, "canManage": canManage, "roles": roles,
        ]
        if let created { context["createdKey"] = created }
        return DashboardView.page(
            "apikeys", title: "API keys", section: "/api-keys", user: user, request: request ?? fallback,
            context: context)
    }

    /// The users page; `created` names a user just added with their generated password, shown this once.
    static func users(
        _ request: Request?, user: DashboardUser, services: ServerServices, created: String?
    ) async throws -> Response {
        let canManage = user.may("createUser")
        let users = try await services.users.list(orgId: user.orgId)
        var context: [String: Any] = [
            "users": users.map { ["email": $0.email, "role": $0.role.rawValue] },
            "canManage": canManage, "roles": roles,
        ]
        if let created { context["createdUser"] = created }
        return DashboardView.page(
            "users", title: "Users", section: "/users", user: user, request: request ?? fallback, context: context)
    }

    static var roles: [[String: Any]] { AccessRole.allCases.map { ["value": $0.rawValue] } }

    /// A request with no query, for pages drawn in answer to a form post.
    static var fallback: Request {
        Request(
            head: .init(method: .get, scheme: nil, authority: nil, path: "/"),
            body: .init(buffer: .init()))
    }
}
