import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// `/campaigns/{id}/leads/{leadId}`: one lead (numbers, variables, where it stands) and its calls with outcome,
/// answered-by, duration and disposition, in the contact's local time, and the transcripts their agents reported.
enum LeadPage {
    static func show(
        _ request: Request, campaignId: Int64, leadId: Int64, user: DashboardUser, services: ServerServices
    ) async throws -> Response {
        let campaign = try await services.campaigns.campaign(orgId: user.orgId, id: campaignId)
        guard let lead = try await services.store.lead(orgId: user.orgId, id: leadId), lead.campaignId == campaign.id
        else { throw Problem(.notFound, "lead \(leadId) not found") }
        let calls = try await services.store.calls(orgId: user.orgId, leadId: lead.id, limit: 500)
        let variables =
            (try? JSONDecoder().decode([String: String].self, from: Data(lead.variablesJSON.utf8))) ?? [:]
        var context = CampaignDetailPage.leadRow(lead)
        context["campaignId"] = campaign.id
        context["campaignName"] = campaign.settings.name
        context["numbers"] = lead.numbers.enumerated().map { index, number in
            [
                "number": number, "zone": lead.timezones.indices.contains(index) ? lead.timezones[index] : "",
                "current": index == lead.numberIndex,
            ] as [String: Any]
        }
        context["variables"] = variables.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] }
        context["hasVariables"] = !variables.isEmpty
        if let held = lead.blockedBy { context["blockedBy"] = held }
        context["calls"] = calls.map { call in
            let result = call.result
            return [
                "id": call.id, "attempt": call.attempt, "pass": call.pass, "to": call.to, "from": call.from,
                "queued": CampaignDetailPage.localTime(call.queuedAt, zone: call.contactTimezone),
                "outcome": result?.outcome.rawValue ?? "in progress",
                "answeredBy": result?.answeredBy?.rawValue ?? "—",
                "duration": result.map { "\($0.durationSeconds) s" } ?? "—",
                "connected": result.map { "\($0.connectedSeconds) s" } ?? "—",
                "disposition": result?.disposition ?? "—", "turns": result?.turns ?? 0,
            ] as [String: Any]
        }
        context["hasCalls"] = !calls.isEmpty
        let transcripts = try await services.store.transcripts(orgId: user.orgId, callIds: calls.map(\.id))
        context["transcripts"] = calls.compactMap { call in
            transcripts[call.id].map { ["attempt": call.attempt, "text": $0] as [String: Any] }
        }
        context["hasTranscripts"] = !transcripts.isEmpty
        return DashboardView.page(
            "lead", title: "Lead \(lead.sourceLine) of \(campaign.settings.name)", section: "/campaigns", user: user,
            request: request, context: context)
    }
}
