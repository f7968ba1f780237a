import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// `/campaigns` (and `/` once signed in): every campaign with its status badge, progress, calls made, calls and
/// billed minutes today (UTC) and the actions its status allows, as plain POST forms; filtered by `status` and
/// searched by `q` (the name).
enum CampaignListPage {
    static let pageSize = 50

    static func show(_ request: Request, user: DashboardUser, services: ServerServices) async throws -> Response {
        var filter = CampaignFilter()
        let statusText = request.uri.queryParameters["status"].map(String.init) ?? ""
        filter.status = CampaignStatus(rawValue: statusText)
        let search = String((DashboardQuery.value(request, "q") ?? "").prefix(200))
        filter.nameContains = search.isEmpty ? nil : search
        let after = request.uri.queryParameters["after"].flatMap { Int64(String($0)) }
        let page = try await services.campaigns.list(
            orgId: user.orgId, filter: filter, afterId: after, limit: pageSize)
        var rows: [[String: Any]] = []
        let now = services.clock.now()
        for campaign in page.items {
            let report = try await services.stats.report(orgId: user.orgId, campaignId: campaign.id, now: now)
            rows.append(row(campaign, report: report, user: user))
        }
        let statuses: [[String: Any]] = CampaignStatus.allCases.map {
            ["value": $0.rawValue, "selected": $0 == filter.status]
        }
        var context: [String: Any] = [:]
        if let next = page.next {
            context["next"] =
                "?status=\(DashboardView.encode(statusText))&q=\(DashboardView.encode(search))&after=\(next)"
        }
        return DashboardView.page(
            "campaigns", title: "Campaigns", section: "/campaigns", user: user, request: request,
            context: context.merging([
                "campaigns": rows, "hasCampaigns": !rows.isEmpty, "statuses": statuses, "search": search,
                "filtered": filter != CampaignFilter(),
                "canCreate": user.may("createCampaign"),
            ]) { old, _ in old })
    }

    /// One row: the campaign, its figures and the forms of the actions its status allows the user.
    static func row(_ campaign: Campaign, report: CampaignStatsReport, user: DashboardUser) -> [String: Any] {
        let counts = report.counts
        let percent = counts.total == 0 ? 0 : counts.finished * 100 / counts.total
        let actions: [[String: Any]] =
            OfferedActions.lifecycle(from: campaign.status)
            .filter { user.may("\($0.rawValue)Campaign") }
            .map { ["action": $0.rawValue, "label": $0.rawValue.capitalized, "danger": $0 == .cancel] }
        return [
            "id": campaign.id, "name": campaign.settings.name, "status": campaign.status.rawValue,
            "total": counts.total, "finished": counts.finished, "percent": percent,
            "callsMade": report.callsMade, "callsToday": report.callsToday, "minutesToday": minutesToday(report),
            "actions": actions, "canClone": user.may("cloneCampaign"),
            "canEdit": user.may("updateCampaign") && OfferedActions.editable(campaign.status),
        ]
    }

    /// Billed minutes of the trend's last day (today, UTC).
    static func minutesToday(_ report: CampaignStatsReport) -> String {
        let seconds = report.costPerDay.last?.billedSeconds ?? 0
        return String(format: "%.1f", Double(seconds) / 60)
    }
}
