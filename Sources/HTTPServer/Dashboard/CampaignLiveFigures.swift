import CampaignCore
import Foundation
import Hummingbird
import NIOCore
import OutboundApp

/// `GET /campaigns/{id}/live`: the campaign page's changing figures as the server formats them (KPI card texts,
/// counts, progress, status), which `live.js` fetches when the campaign's feed says something happened.
enum CampaignLiveFigures {
    static func response(id: Int64, user: DashboardUser, services: ServerServices) async throws -> Response {
        let campaign = try await services.campaigns.campaign(orgId: user.orgId, id: id)
        let report = try await services.stats.report(orgId: user.orgId, campaignId: id, now: services.clock.now())
        let counts = report.counts
        let figures: JSONValue = .object([
            "status": .string(campaign.status.rawValue),
            "kpis": .object(report.cardTexts.mapValues(JSONValue.string)),
            "counts": .object(
                CampaignDetailPage.counts(counts).reduce(into: [:]) { object, entry in
                    object[entry["name"] as? String ?? ""] = .number(Double(entry["value"] as? Int ?? 0))
                }),
            "finished": .number(Double(counts.finished)),
            "percent": .number(Double(counts.total == 0 ? 0 : counts.finished * 100 / counts.total)),
        ])
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONBody.data(figures))))
    }
}
