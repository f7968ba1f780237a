import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// The phone-number routes' handlers: parse, call ``NumberCatalog``, answer JSON.
enum NumberHandlers {
    static func list(_ call: RouteCall) async throws -> RouteReply {
        let page = try await call.services.catalog.numbers.list(
            orgId: try call.orgId, afterId: try PageCursor.decode(call.query("cursor"), kind: "n", count: 1)?.first,
            limit: try call.limit())
        return JSONBody.response(
            Representations.list(
                page.items.map(CatalogJSON.number), next: page.next.map { PageCursor.encode("n", [$0]) }))
    }

    static func create(_ call: RouteCall) async throws -> RouteReply {
        let body = try JSONBody.object(call.body, allowed: ["e164", "carrierId", "label", "outbound"])
        guard let e164 = try CatalogJSON.string(body, "e164") else { throw CatalogJSON.missing("e164") }
        let number = try await call.services.catalog.numbers.create(
            orgId: try call.orgId, e164: e164, label: try CatalogJSON.string(body, "label") ?? "",
            carrierId: try CatalogJSON.integer(body, "carrierId", nullable: true).map(Int64.init),
            outbound: try CatalogJSON.bool(body, "outbound") ?? true, by: call.actingPrincipal)
        return JSONBody.response(
            CatalogJSON.number(number), status: .created, headers: [.location: "/v1/numbers/\(number.id)"])
    }

    /// `PUT`: the label, carrier and direction (omitted ones take their defaults: no label, the organisation's
    /// default carrier, outbound); `e164`, when sent, must be the number's own.
    static func update(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "number")
        _ = try await call.services.catalog.numbers.number(orgId: try call.orgId, id: id)
        let body = try JSONBody.object(call.body, allowed: ["e164", "carrierId", "label", "outbound"])
        let number = try await call.services.catalog.numbers.update(
            orgId: try call.orgId, id: id, e164: try CatalogJSON.string(body, "e164"),
            label: try CatalogJSON.string(body, "label") ?? "",
            carrierId: try CatalogJSON.integer(body, "carrierId", nullable: true).map(Int64.init),
            outbound: try CatalogJSON.bool(body, "outbound") ?? true, by: call.actingPrincipal)
        return JSONBody.response(CatalogJSON.number(number))
    }

    static func get(_ call: RouteCall) async throws -> RouteReply {
        let number = try await call.services.catalog.numbers.number(
            orgId: try call.orgId, id: try call.id(of: "number"))
        return JSONBody.response(CatalogJSON.number(number))
    }

    static func delete(_ call: RouteCall) async throws -> RouteReply {
        try await call.services.catalog.numbers.delete(
            orgId: try call.orgId, id: try call.id(of: "number"), by: call.actingPrincipal)
        return CatalogHandlers.noContent
    }
}
