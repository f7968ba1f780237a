import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// `POST /v1/agents/{id}/test-call`: one call through the real path, shown as a campaign of its own.
enum TestCallHandlers {
    static func place(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "agent")
        let fields = try JSONBody.object(call.body, allowed: ["to", "from", "variables"])
        let placed = try await call.services.testCalls.place(
            orgId: try call.orgId, agentId: id, to: try CatalogJSON.string(fields, "to"),
            from: try CatalogJSON.string(fields, "from"), variables: try CatalogJSON.strings(fields, "variables"))
        return JSONBody.response(
            .object([
                "campaignId": .number(Double(placed.campaignId)), "to": .string(placed.to),
                "from": .string(placed.from), "status": .string("running"),
            ]), status: .accepted, headers: [.location: "/v1/campaigns/\(placed.campaignId)"])
    }
}
