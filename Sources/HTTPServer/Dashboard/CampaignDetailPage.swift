import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// `/campaigns/{id}`: the KPI cards (`data-kpi` named as SPEC §11's stats), lead counts by status, progress with the
/// cached forecast's finish time, the lead table (filter, search, keyset paging), cost per day and best times as
/// SVG, and the actions its status allows. `live.js` keeps the counts and cards current from the campaign's feed.
enum CampaignDetailPage {
    static let leadPageSize = 25

    static func show(
        _ request: Request, id: Int64, user: DashboardUser, services: ServerServices
    ) async throws -> Response {
        let campaign = try await services.campaigns.campaign(orgId: user.orgId, id: id)
        let report = try await services.stats.report(orgId: user.orgId, campaignId: id, now: services.clock.now())
        var context = CampaignListPage.row(campaign, report: report, user: user)
        context["kpis"] = kpis(report)
        context["counts"] = counts(report.counts)
        context["liveNow"] = report.counts.inProgress
        context["forecast"] = try await forecastLine(campaign, user: user, services: services)
        context["costChart"] = DashboardCharts.costTrend(report.costPerDay)
        context["bestTimesChart"] = DashboardCharts.bestTimes(report.bestTimes)
        context["hasBestTimes"] = !report.bestTimes.isEmpty
        context["mode"] = campaign.settings.mode.rawValue
        context["hasRun"] = campaign.hasRun
        try await addLeads(to: &context, request: request, campaign: campaign, user: user, services: services)
        return DashboardView.page(
            "campaign", title: campaign.settings.name, section: "/campaigns", user: user, request: request,
            context: context)
    }

    /// The KPI cards in SPEC §11's order, with their stats names.
    static func kpis(_ report: CampaignStatsReport) -> [[String: Any]] {
        let texts = report.cardTexts
        let labels: [(String, String)] = [
            ("callsMade", "Calls made"), ("reached", "Reached"), ("interested", "Interested"),
            ("optOuts", "Opt-outs"), ("answerRate", "Answer rate"), ("conversionRate", "Conversion rate"),
            ("averageConnectedSeconds", "Avg. duration (s)"), ("cost", "Cost"),
        ]
        return labels.map { ["name": $0.0, "label": $0.1, "value": texts[$0.0] ?? "-"] }
    }

    /// Lead counts by status, named as the feed's `counts` event names them.
    static func counts(_ counts: LeadCounts) -> [[String: Any]] {
        [
            ("total", "Total", counts.total), ("pending", "Pending", counts.pending),
            ("inProgress", "In progress", counts.inProgress), ("completed", "Completed", counts.completed),
            ("failed", "Failed", counts.failed), ("excluded", "Excluded", counts.excluded),
        ].map { ["name": $0.0, "label": $0.1, "value": $0.2] }
    }

    /// The cached forecast's finish, said in a sentence (never computed here: the forecast is the stored one).
    static func forecastLine(_ campaign: Campaign, user: DashboardUser, services: ServerServices) async throws -> String
    {
        guard let (forecast, current) = try? await services.forecasts.latest(orgId: user.orgId, campaignId: campaign.id)
        else { return "No forecast yet." }
        guard forecast.state == .done, let text = forecast.report,
            case .object(let report)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        else { return "Forecast: \(forecast.state.rawValue)." }
        let stale = current ? "" : " (from before the last change)"
        if case .string(let finishes)? = report["finishes"] { return "Forecast finish: \(finishes)\(stale)." }
        return "The forecast sees no finish\(stale)."
    }

    /// The lead table's rows, filter and next-page link.
    static func addLeads(
        to context: inout [String: Any], request: Request, campaign: Campaign, user: DashboardUser,
        services: ServerServices
    ) async throws {
        var filter = LeadFilter()
        let statusText = request.uri.queryParameters["leadStatus"].map(String.init) ?? ""
        filter.status = LeadStatus(rawValue: statusText).flatMap { $0 == .waiting ? nil : $0 }
        let search = String((DashboardQuery.value(request, "q") ?? "").prefix(100))
        filter.search = search.isEmpty ? nil : search
        var after: LeadPageKey?
        if let text = request.uri.queryParameters["after"] {
            let parts = text.split(separator: ".").compactMap { Int64(String($0)) }
            if parts.count == 2 { after = LeadPageKey(seq: parts[0], id: parts[1]) }
        }
        let found = try await services.store.leads(
            orgId: user.orgId, campaignId: campaign.id, filter: filter, after: after, limit: leadPageSize + 1)
        let leads = Array(found.prefix(leadPageSize))
        context["leads"] = leads.map { lead in
            var row = leadRow(lead)
            row["campaignId"] = campaign.id
            return row
        }
        context["hasLeads"] = !leads.isEmpty
        context["leadSearch"] = search
        context["leadStatuses"] = ["pending", "in_progress", "completed", "failed", "excluded"].map {
            ["value": $0, "selected": $0 == statusText] as [String: Any]
        }
        if found.count > leadPageSize, let last = leads.last {
            context["nextLeads"] =
                "?leadStatus=\(DashboardView.encode(statusText))&q=\(DashboardView.encode(search))&after=\(last.seq).\(last.id)#leads"
        }
    }

    static func leadRow(_ lead: LeadRecord) -> [String: Any] {
        let index = lead.numbers.indices.contains(lead.numberIndex) ? lead.numberIndex : 0
        let zone = lead.timezones.indices.contains(index) ? lead.timezones[index] : lead.timezones.first
        return [
            "id": lead.id, "line": lead.sourceLine, "status": lead.status,
            "number": lead.numbers.indices.contains(index) ? lead.numbers[index] : "",
            "disposition": lead.lastDisposition ?? lead.lastOutcome ?? "—", "pass": lead.pass,
            "attempts": lead.attempts, "next": lead.nextAttemptAt.map { localTime($0, zone: zone) } ?? "—",
        ]
    }

    /// `instant` in the contact's zone, as `2026-03-03 09:30 EST`.
    static func localTime(_ instant: Date, zone: String?) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        return formatter.string(from: instant)
    }
}
