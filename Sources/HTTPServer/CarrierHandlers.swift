import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// The carrier routes' handlers: parse, call ``CarrierCatalog``, answer JSON (never a password).
enum CarrierHandlers {
    static let fields: Set<String> = [
        "name", "kind", "address", "username", "password", "cps", "ringTimeoutSeconds", "ratePerMinute",
        "billingIncrementSeconds",
    ]

    static func list(_ call: RouteCall) async throws -> RouteReply {
        let page = try await call.services.catalog.carriers.list(
            orgId: try call.orgId, afterId: try PageCursor.decode(call.query("cursor"), kind: "r", count: 1)?.first,
            limit: try call.limit())
        return JSONBody.response(
            Representations.list(
                page.items.map(CatalogJSON.carrier), next: page.next.map { PageCursor.encode("r", [$0]) }))
    }

    static func create(_ call: RouteCall) async throws -> RouteReply {
        let draft = try draft(call)
        let carrier = try await call.services.catalog.carriers.create(
            orgId: try call.orgId, draft: draft, by: call.actingPrincipal)
        return JSONBody.response(
            CatalogJSON.carrier(carrier), status: .created, headers: [.location: "/v1/carriers/\(carrier.id)"])
    }

    /// `PUT`: every field as on a create (omitted ones take their defaults), except the password: omitted keeps the
    /// stored one, `null` or `""` removes it.
    static func update(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "carrier")
        _ = try await call.services.catalog.carriers.carrier(orgId: try call.orgId, id: id)
        var draft = try draft(call)
        if case .null? = try JSONBody.object(call.body, allowed: fields)["password"] { draft.password = "" }
        let carrier = try await call.services.catalog.carriers.update(
            orgId: try call.orgId, id: id, draft: draft, by: call.actingPrincipal)
        return JSONBody.response(CatalogJSON.carrier(carrier))
    }

    /// The request's carrier, every field checked for its type (the use case checks the values).
    private static func draft(_ call: RouteCall) throws -> CarrierDraft {
        let body = try JSONBody.object(call.body, allowed: fields)
        guard let name = try CatalogJSON.string(body, "name") else { throw CatalogJSON.missing("name") }
        guard let kindText = try CatalogJSON.string(body, "kind") else { throw CatalogJSON.missing("kind") }
        guard let kind = CarrierKind(rawValue: kindText) else {
            throw Problem(
                .unprocessableContent, "kind: must be simulator or sip, got '\(kindText)'",
                errors: [FieldProblem(field: "kind", detail: "must be simulator or sip, got '\(kindText)'")])
        }
        var draft = CarrierDraft(name: name, kind: kind)
        draft.address = try CatalogJSON.string(body, "address") ?? ""
        draft.username = try CatalogJSON.string(body, "username") ?? ""
        draft.password = try CatalogJSON.string(body, "password", nullable: true)
        draft.cps = try CatalogJSON.integer(body, "cps", nullable: true)
        draft.ringTimeoutSeconds = try CatalogJSON.integer(body, "ringTimeoutSeconds") ?? draft.ringTimeoutSeconds
        draft.ratePerMinute = try CatalogJSON.amount(body, "ratePerMinute")
        draft.billingIncrementSeconds =
            try CatalogJSON.integer(body, "billingIncrementSeconds") ?? draft.billingIncrementSeconds
        return draft
    }

    static func get(_ call: RouteCall) async throws -> RouteReply {
        let carrier = try await call.services.catalog.carriers.carrier(
            orgId: try call.orgId, id: try call.id(of: "carrier"))
        return JSONBody.response(CatalogJSON.carrier(carrier))
    }

    static func delete(_ call: RouteCall) async throws -> RouteReply {
        try await call.services.catalog.carriers.delete(
            orgId: try call.orgId, id: try call.id(of: "carrier"), by: call.actingPrincipal)
        return CatalogHandlers.noContent
    }
}
