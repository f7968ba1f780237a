import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// `/v1/api-keys`: an organisation's API keys, for its admins. A key's secret is answered once, when it is created.
enum KeyHandlers {
    static func list(_ call: RouteCall) async throws -> RouteReply {
        let keys = try await call.services.keys.list(orgId: try call.orgId)
        let page = try AccessFields.page(keys, id: \.id, call: call, kind: "a")
        return JSONBody.response(Representations.list(page.items.map(representation), next: page.next))
    }

    static func create(_ call: RouteCall) async throws -> RouteReply {
        let fields = try JSONBody.object(call.body, allowed: ["name", "role"])
        let name = try AccessFields.string(fields, "name", maxLength: 100)
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Problem.badField("name", "must not be empty")
        }
        let role = try AccessFields.role(fields)
        let created = try await call.services.keys.create(
            orgId: try call.orgId, name: name, role: role, now: call.services.wallClock.now())
        var body = representation(created.record)
        if case .object(var object) = body {
            object["apiKey"] = .string(created.key)
            body = .object(object)
        }
        return JSONBody.response(body, status: .created)
    }

    static func revoke(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "API key")
        do {
            let record = try await call.services.keys.revoke(
                orgId: try call.orgId, id: id, now: call.services.wallClock.now())
            return JSONBody.response(representation(record))
        } catch is AppFailure {
            throw Problem(.notFound, "API key '\(id)' not found")
        }
    }

    static func representation(_ key: APIKeyRecord) -> JSONValue {
        .object([
            "id": .number(Double(key.id)), "name": .string(key.name), "prefix": .string(key.prefix),
            "role": .string(key.role.rawValue), "createdAt": Representations.time(key.createdAt),
            "lastUsedAt": Representations.time(key.lastUsedAt), "revokedAt": Representations.time(key.revokedAt),
        ])
    }
}
