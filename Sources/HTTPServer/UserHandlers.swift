import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// `/v1/users`: an organisation's users, for its admins. Password hashes are never answered.
enum UserHandlers {
    static func list(_ call: RouteCall) async throws -> RouteReply {
        let users = try await call.services.users.list(orgId: try call.orgId)
        let page = try AccessFields.page(users, id: \.id, call: call, kind: "u")
        return JSONBody.response(Representations.list(page.items.map(representation), next: page.next))
    }

    static func create(_ call: RouteCall) async throws -> RouteReply {
        let fields = try JSONBody.object(call.body, allowed: ["email", "password", "role"])
        let email = try AccessFields.string(fields, "email", maxLength: 254)
        let password = try AccessFields.optionalString(fields, "password", maxLength: 1024)
        let role = try AccessFields.role(fields)
        let created = try await call.services.users.add(
            orgId: try call.orgId, email: email, password: password, role: role, now: call.services.wallClock.now())
        var body = representation(created.user)
        if case .object(var object) = body {
            object["password"] = created.generatedPassword.map(JSONValue.string) ?? .null
            body = .object(object)
        }
        return JSONBody.response(body, status: .created)
    }

    static func update(_ call: RouteCall) async throws -> RouteReply {
        let fields = try JSONBody.object(call.body, allowed: ["role"])
        let role = try AccessFields.role(fields)
        let user = try await call.services.users.setRole(
            orgId: try call.orgId, id: try call.id(of: "user"), role: role, now: call.services.clock.now())
        return JSONBody.response(representation(user))
    }

    static func delete(_ call: RouteCall) async throws -> RouteReply {
        try await call.services.users.remove(
            orgId: try call.orgId, id: try call.id(of: "user"), now: call.services.clock.now())
        return RouteReply(status: .noContent, headers: [:], body: ByteBuffer())
    }

    static func representation(_ user: UserSummary) -> JSONValue {
        .object(["id": .number(Double(user.id)), "email": .string(user.email), "role": .string(user.role.rawValue)])
    }
}
