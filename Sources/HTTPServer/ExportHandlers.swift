import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// The exports of SPEC §10 over HTTP, written by the same code as `outbound calls export` and
/// `outbound contacts export`: the campaign is checked first (404 before any byte), then the file is streamed page
/// by page as the store's keyset pages are read, each page a short read on a reader connection, so memory stays flat
/// for a million rows, the first bytes leave before the last row is read, and the dialler's writer is never held.
enum ExportHandlers {
    static func calls(_ call: RouteCall) async throws -> RouteReply {
        let campaign = try await call.services.campaigns.campaign(
            orgId: try call.orgId, id: try call.id(of: "campaign"))
        let store = call.services.store
        return csv(name: "campaign-\(campaign.id)-calls.csv") { writer in
            try await CallExport.write(store: store, campaignId: campaign.id) { text in
                try await writer.write(ByteBuffer(string: text))
            }
        }
    }

    static func contacts(_ call: RouteCall) async throws -> RouteReply {
        let campaign = try await call.services.campaigns.campaign(
            orgId: try call.orgId, id: try call.id(of: "campaign"))
        let store = call.services.store
        let export = ContactExport(campaignId: campaign.id, compliance: call.services.compliance)
        let now = call.services.clock.now()
        return csv(name: "campaign-\(campaign.id)-contacts.csv") { writer in
            try await export.run(store: store, now: now) { text in try await writer.write(ByteBuffer(string: text)) }
        }
    }

    /// A `text/csv` attachment written by `produce`.
    static func csv(
        name: String, _ produce: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void
    ) -> RouteReply {
        RouteReply(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: ByteBuffer(),
            stream: ResponseBody { writer in
                try await produce(&writer)
                try await writer.finish(nil)
            })
    }
}
