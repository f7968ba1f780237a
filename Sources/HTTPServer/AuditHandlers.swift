import CampaignCore
import CampaignStore
import Foundation
import HTTPTypes
import OutboundApp

/// The audit log's and the quiet-hours exemption's handlers.
enum AuditHandlers {
    static let targetKinds = ["campaign", "organization", "apikey", "user", "agent", "carrier", "number", "optout"]

    static func list(_ call: RouteCall) async throws -> RouteReply {
        var filter = AuditFilter()
        if let kind = call.query("targetKind") {
            guard targetKinds.contains(kind) else {
                throw Problem.badField("targetKind", "'\(kind)' is not one of \(targetKinds.joined(separator: ", "))")
            }
            filter.targetKind = kind
        }
        if let text = call.query("targetId") {
            guard let id = Int64(text), id > 0 else { throw Problem.badField("targetId", "is not a positive id") }
            guard filter.targetKind != nil else { throw Problem.badField("targetId", "needs targetKind") }
            filter.targetId = id
        }
        if let prefix = call.query("action"), !prefix.isEmpty {
            guard prefix.count <= 100 else { throw Problem.badField("action", "is longer than 100 characters") }
            filter.actionPrefix = prefix
        }
        let page = try await call.services.audit.entries(
            orgId: try call.orgId, filter: filter,
            beforeId: try PageCursor.decode(call.query("cursor"), kind: "a", count: 1)?.first, limit: try call.limit())
        return JSONBody.response(
            Representations.list(page.items.map(entry), next: page.next.map { PageCursor.encode("a", [$0]) }))
    }

    static func exemption(_ call: RouteCall) async throws -> RouteReply {
        JSONBody.response(representation(try await call.services.audit.exemption(orgId: try call.orgId)))
    }

    static func grant(_ call: RouteCall) async throws -> RouteReply {
        let fields = try JSONBody.object(call.body, allowed: ["reason"])
        let reason: String
        switch fields["reason"] {
        case .string(let text)?: reason = text
        case nil: throw Problem.badField("reason", "is required: say why the organisation is exempted")
        case let other?: throw Problem.badField("reason", "expected a string, found \(other.typeName)")
        }
        let granted = try await call.services.audit.grantExemption(orgId: try call.orgId, reason: reason)
        return JSONBody.response(representation(granted))
    }

    static func end(_ call: RouteCall) async throws -> RouteReply {
        _ = try JSONBody.object(call.body, allowed: [])
        try await call.services.audit.endExemption(orgId: try call.orgId)
        return JSONBody.response(representation(nil))
    }

    static func representation(_ exemption: HoursExemption?) -> JSONValue {
        guard let exemption else { return .object(["exempt": .bool(false)]) }
        return .object([
            "exempt": .bool(true), "reason": .string(exemption.reason), "grantedBy": .string(exemption.grantedBy),
            "grantedAt": Representations.time(exemption.grantedAt),
        ])
    }

    static func entry(_ entry: AuditEntry) -> JSONValue {
        .object([
            "id": .number(Double(entry.id)),
            "at": Representations.time(entry.at),
            "actor": .object([
                "kind": .string(entry.actor.kind), "id": entry.actor.id.map { .number(Double($0)) } ?? .null,
                "label": .string(entry.actor.label),
            ]),
            "action": .string(entry.action),
            "target": .object([
                "kind": .string(entry.targetKind), "id": entry.targetId.map { .number(Double($0)) } ?? .null,
            ]),
            "detail": .object(entry.detail.mapValues(JSONValue.string)),
        ])
    }
}
