import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// The lead and call routes' handlers: organisation-scoped keyset pages and single objects.
enum LeadCallHandlers {
    static func leads(_ call: RouteCall) async throws -> RouteReply {
        let orgId = try call.orgId
        let campaign = try await call.services.campaigns.campaign(orgId: orgId, id: try call.id(of: "campaign"))
        var filter = LeadFilter()
        if let text = call.query("status") {
            guard let status = LeadStatus(rawValue: text), status != .waiting else {
                throw Problem.badField(
                    "status", "'\(text)' is not one of pending, in_progress, completed, failed, excluded")
            }
            filter.status = status
        }
        if let text = call.query("q"), !text.isEmpty {
            guard text.count <= 100 else { throw Problem.badField("q", "is longer than 100 characters") }
            filter.search = text
        }
        let limit = try call.limit()
        let found = try await call.services.store.leads(
            orgId: orgId, campaignId: campaign.id, filter: filter, after: try PageCursor.leads(call.query("cursor")),
            limit: limit + 1)
        let items = Array(found.prefix(limit))
        let next = found.count > limit ? items.last.map { PageCursor.encode("l", [$0.seq, $0.id]) } : nil
        return JSONBody.response(Representations.list(items.map(Representations.lead), next: next))
    }

    static func lead(_ call: RouteCall) async throws -> RouteReply {
        let orgId = try call.orgId
        let id = try call.id(of: "lead")
        guard let lead = try await call.services.store.lead(orgId: orgId, id: id) else {
            throw Problem(.notFound, "lead \(id) not found")
        }
        let calls = try await call.services.store.calls(orgId: orgId, leadId: id, limit: 500)
        guard case .object(var object) = Representations.lead(lead) else {
            throw Problem(.internalServerError, "lead \(id) could not be shown")
        }
        object["calls"] = .array(calls.map(Representations.call))
        return JSONBody.response(.object(object))
    }

    static func calls(_ call: RouteCall) async throws -> RouteReply {
        let orgId = try call.orgId
        let campaign = try await call.services.campaigns.campaign(orgId: orgId, id: try call.id(of: "campaign"))
        let limit = try call.limit()
        let found = try await call.services.store.calls(
            orgId: orgId, campaignId: campaign.id, after: try PageCursor.calls(call.query("cursor")),
            limit: limit + 1)
        let items = Array(found.prefix(limit))
        let next =
            found.count > limit
            ? items.last.map { PageCursor.encode("k", [CallPageKey($0).queuedAtMillis, $0.id]) } : nil
        return JSONBody.response(Representations.list(items.map(Representations.call), next: next))
    }

    static func call(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "call")
        guard let record = try await call.services.store.call(orgId: try call.orgId, id: id) else {
            throw Problem(.notFound, "call \(id) not found")
        }
        return JSONBody.response(Representations.call(record))
    }
}
