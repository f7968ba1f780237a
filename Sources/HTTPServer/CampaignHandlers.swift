import CampaignCore
import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// The campaign routes' handlers: parse, call ``ServerCampaigns``, answer JSON.
enum CampaignHandlers {
    static func create(_ call: RouteCall) async throws -> RouteReply {
        let campaign = try await call.services.campaigns.create(orgId: try call.orgId, document: document(call))
        return try await answer(campaign, call: call, status: .created, location: true)
    }

    static func get(_ call: RouteCall) async throws -> RouteReply {
        let campaign = try await call.services.campaigns.campaign(
            orgId: try call.orgId, id: try call.id(of: "campaign"))
        return try await answer(campaign, call: call)
    }

    static func list(_ call: RouteCall) async throws -> RouteReply {
        var filter = CampaignFilter()
        if let text = call.query("status") {
            guard let status = CampaignStatus(rawValue: text) else {
                throw Problem.badField(
                    "status",
                    "'\(text)' is not one of \(CampaignStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.status = status
        }
        if let name = call.query("name"), !name.isEmpty {
            guard name.count <= 200 else { throw Problem.badField("name", "is longer than 200 characters") }
            filter.nameContains = name
        }
        let page = try await call.services.campaigns.list(
            orgId: try call.orgId, filter: filter, afterId: try PageCursor.campaigns(call.query("cursor")),
            limit: try call.limit())
        return JSONBody.response(
            Representations.list(
                page.items.map { Representations.campaign($0) },
                next: page.next.map { PageCursor.encode("c", [$0]) }))
    }

    static func update(_ call: RouteCall) async throws -> RouteReply {
        let campaign = try await call.services.campaigns.update(
            orgId: try call.orgId, id: try call.id(of: "campaign"), document: document(call),
            ifMatch: call.header(.ifMatch))
        return try await answer(campaign, call: call)
    }

    static func validate(_ call: RouteCall) async throws -> RouteReply {
        let settings = try await call.services.campaigns.validate(orgId: try call.orgId, document: document(call))
        return JSONBody.response(.object(["valid": .bool(true), "settings": settings.document()]))
    }

    /// The handler of one lifecycle action; its body, when sent, must be an empty JSON object.
    static func action(_ action: LifecycleAction) -> @Sendable (RouteCall) async throws -> RouteReply {
        { call in
            _ = try JSONBody.object(call.body, allowed: [])
            let campaign = try await call.services.campaigns.apply(
                action, orgId: try call.orgId, id: try call.id(of: "campaign"))
            return try await answer(campaign, call: call)
        }
    }

    static func clone(_ call: RouteCall) async throws -> RouteReply {
        let fields = try JSONBody.object(call.body, allowed: ["withContacts"])
        let copy = try await call.services.campaigns.clone(
            orgId: try call.orgId, id: try call.id(of: "campaign"),
            withContacts: try JSONBody.bool(fields, "withContacts") ?? false)
        return try await answer(copy, call: call, status: .created, location: true)
    }

    static func document(_ call: RouteCall) -> Data {
        call.body.map { Data($0.readableBytesView) } ?? Data()
    }

    /// The campaign with its lead counts, its ETag in the header, and its `Location` when it was just created.
    static func answer(
        _ campaign: Campaign, call: RouteCall, status: HTTPResponse.Status = .ok, location: Bool = false
    ) async throws -> RouteReply {
        let counts = try await call.services.store.leadCounts(campaignId: campaign.id)
        var headers: HTTPFields = [.eTag: ServerCampaigns.etag(campaign)]
        if location { headers[.location] = "/v1/campaigns/\(campaign.id)" }
        return JSONBody.response(Representations.campaign(campaign, counts: counts), status: status, headers: headers)
    }
}
