import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// The opt-out routes' handlers: one number as JSON, a CSV file's `number` column, list, read and remove.
enum OptOutHandlers {
    static func list(_ call: RouteCall) async throws -> RouteReply {
        let text = call.query("q")
        if let text, text.count > 20 { throw Problem.badField("q", "is longer than 20 characters") }
        let after = try PageCursor.decode(call.query("cursor"), kind: "o", count: 1)?.first.map { "+\($0)" }
        let page = try await call.services.catalog.optOuts.list(
            orgId: try call.orgId, numberContains: text, after: after, limit: try call.limit())
        return JSONBody.response(
            Representations.list(
                page.items.map(CatalogJSON.optOut),
                next: page.next.flatMap { Int64($0.dropFirst()) }.map { PageCursor.encode("o", [$0]) }))
    }

    static func add(_ call: RouteCall) async throws -> RouteReply {
        let mediaType = call.header(.contentType)?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        if mediaType == "text/csv" { return try await upload(call) }
        let body = try JSONBody.object(call.body, allowed: ["number"])
        guard let number = try CatalogJSON.string(body, "number") else { throw CatalogJSON.missing("number") }
        let (optOut, created) = try await call.services.catalog.optOuts.add(
            orgId: try call.orgId, number: number, source: "api", by: call.actingPrincipal)
        return JSONBody.response(CatalogJSON.optOut(optOut), status: created ? .created : .ok)
    }

    static func upload(_ call: RouteCall) async throws -> RouteReply {
        let orgId = try call.orgId
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("outbound-optouts-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = call.body.map { Data($0.readableBytesView) } ?? Data()
        guard FileManager.default.createFile(atPath: path, contents: bytes) else {
            throw Problem(.serviceUnavailable, "the upload could not be spooled; try again")
        }
        let report = try await call.services.catalog.optOuts.importFile(
            orgId: orgId, path: path, source: "csv", by: call.actingPrincipal)
        return JSONBody.response(CatalogJSON.report(report))
    }

    static func get(_ call: RouteCall) async throws -> RouteReply {
        let optOut = try await call.services.catalog.optOuts.optOut(orgId: try call.orgId, number: try number(call))
        return JSONBody.response(CatalogJSON.optOut(optOut))
    }

    static func remove(_ call: RouteCall) async throws -> RouteReply {
        _ = try await call.services.catalog.optOuts.remove(
            orgId: try call.orgId, number: try number(call), by: call.actingPrincipal)
        return CatalogHandlers.noContent
    }

    /// The path's number in E.164; a path naming no valid number names no opt-out (404).
    static func number(_ call: RouteCall) throws -> String {
        let raw = call.parameters.get("number") ?? ""
        let text = raw.removingPercentEncoding ?? raw
        guard case .valid(let e164) = call.services.catalog.optOuts.check(text) else {
            throw Problem(.notFound, "'\(text)' is not on the opt-out list")
        }
        return e164
    }
}
