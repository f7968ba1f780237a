import CampaignCore
import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp
import ServiceLifecycle

/// The handlers of a campaign's figures and live feed.
enum StatsHandlers {
    static func stats(_ call: RouteCall) async throws -> RouteReply {
        let report = try await call.services.stats.report(
            orgId: try call.orgId, campaignId: try call.id(of: "campaign"), now: call.services.clock.now())
        return JSONBody.response(report.json)
    }

    /// Server-Sent Events of the campaign's changes (after `Last-Event-ID` when given), its counts, heartbeats.
    static func events(_ call: RouteCall) async throws -> RouteReply {
        let orgId = try call.orgId
        let campaign = try await call.services.campaigns.campaign(orgId: orgId, id: try call.id(of: "campaign"))
        var lastEventId: Int64?
        if let text = call.header(.lastEventID) {
            guard let value = Int64(text.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw Problem.badField("Last-Event-ID", "must be the id of an event (a whole number), got '\(text)'")
            }
            lastEventId = value
        }
        let stream = try await call.services.feeds.subscribe(
            orgId: orgId, campaignId: campaign.id, lastEventId: lastEventId)
        var reply = RouteReply(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ByteBuffer())
        let feeds = call.services.feeds
        reply.stream = ResponseBody { writer in
            // The server waits for open responses before it stops: on its graceful shutdown the feeds send what is
            // committed and end every stream, so an open feed cannot hold the shutdown up.
            try await withGracefulShutdownHandler {
                for await item in stream { try await writer.write(item.buffer) }
            } onGracefulShutdown: {
                Task { await feeds.close() }
            }
            try await writer.finish(nil)
        }
        return reply
    }
}

extension HTTPField.Name {
    /// The SSE resume header.
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
}
