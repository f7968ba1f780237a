import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// `/campaigns/new` and `/campaigns/{id}/edit`: the five-step wizard of seed 003 (basics, number pool, dialler
/// config, contacts, review). Inputs are named after the settings document's dotted keys; `wizard.js` builds the
/// document from them, asks `POST /v1/campaigns/validate` before each Next (no rule lives in the page), then
/// creates (`POST /v1/campaigns`) or saves (`PUT /v1/campaigns/{id}` with the ETag read here) and uploads the CSV.
enum CampaignWizardPage {
    static let zones = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London",
        "Europe/Berlin", "Asia/Kolkata", "Asia/Dubai", "Asia/Singapore", "Asia/Tokyo", "UTC", "recipient",
    ]
    static let systemOutcomes = RetryPolicy.systemKeys.sorted()

    /// The wizard posted without JavaScript: `POST /campaigns/new` creates the draft, `POST /campaigns/{id}/edit`
    /// saves under the ETag the page was drawn with (a locked name or agent, which the browser does not send, is the
    /// campaign's own).
    static func addPlainPosts(to router: Router<ServerRequestContext>, services: ServerServices) {
        router.post("/campaigns/new") { request, _ in
            try await plainPost(request, id: nil, services: services)
        }
        router.post("/campaigns/{id}/edit") { request, context in
            try await plainPost(request, id: try DashboardPages.id(context), services: services)
        }
    }

    static func plainPost(_ request: Request, id: Int64?, services: ServerServices) async throws -> Response {
        guard let user = try await DashboardUser.of(request, services: services) else {
            return DashboardView.redirect("/")
        }
        let pairs = try await SettingsForm.pairs(request)
        let csrf = pairs.first { $0.name == "csrf" }?.value ?? ""
        guard AccessSessions.tokensMatch(csrf, user.session.csrfToken) else {
            throw Problem(.forbidden, "csrf: the form's token is missing or stale; reload the page and try again")
        }
        guard user.may(id == nil ? "createCampaign" : "updateCampaign") else {
            throw Problem(.forbidden, "this role (\(user.session.role.rawValue)) may not do that")
        }
        let back = id.map { "/campaigns/\($0)/edit" } ?? "/campaigns/new"
        do {
            return try await AuditContext.$actor.withValue(user.principal.auditActor) {
                if let id {
                    let current = try await services.campaigns.campaign(orgId: user.orgId, id: id)
                    let document = SettingsForm.document(
                        pairs,
                        defaults: [
                            "name": .string(current.settings.name), "agentId": .number(Double(current.agentId)),
                        ])
                    let etag = pairs.first { $0.name == "etag" }?.value
                    let saved = try await services.campaigns.update(
                        orgId: user.orgId, id: id, document: document, ifMatch: etag)
                    return DashboardView.redirect("/campaigns/\(saved.id)", notice: "Saved")
                }
                let created = try await services.campaigns.create(
                    orgId: user.orgId, document: SettingsForm.document(pairs))
                return DashboardView.redirect(
                    "/campaigns/\(created.id)",
                    notice: "Created as a draft; upload its contacts from the wizard or the API")
            }
        } catch {
            let problem = ProblemMiddleware<ServerRequestContext>.problem(for: error)
            guard problem.status != .internalServerError else { throw error }
            return DashboardView.redirect(back, error: DashboardPages.message(problem))
        }
    }

    static func new(_ request: Request, user: DashboardUser, services: ServerServices) async throws -> Response {
        let defaults = CampaignSettings(name: "", agent: AgentProfile(name: ""), numberPool: [])
        return try await page(
            request, user: user, services: services, settings: defaults, agentId: nil, campaign: nil)
    }

    static func edit(
        _ request: Request, id: Int64, user: DashboardUser, services: ServerServices
    ) async throws -> Response {
        let campaign = try await services.campaigns.campaign(orgId: user.orgId, id: id)
        return try await page(
            request, user: user, services: services, settings: campaign.settings, agentId: campaign.agentId,
            campaign: campaign)
    }

    static func page(
        _ request: Request, user: DashboardUser, services: ServerServices, settings: CampaignSettings,
        agentId: Int64?, campaign: Campaign?
    ) async throws -> Response {
        let agents = try await services.catalog.agents.list(
            orgId: user.orgId, nameContains: nil, afterId: nil, limit: 500
        ).items
        let numbers = try await services.catalog.numbers.list(orgId: user.orgId, afterId: nil, limit: 500).items
        let pool = Set(settings.numberPool)
        let window = settings.window
        let editable = campaign.map { $0.status.allowsEditing } ?? true
        let locked = campaign?.hasRun ?? false
        var context: [String: Any] = [
            "editing": campaign != nil,
            "editable": editable && user.may(campaign == nil ? "createCampaign" : "updateCampaign"),
            "locked": locked, "name": settings.name, "description": settings.description,
            "agents": agents.map { agent in
                [
                    "id": agent.id, "name": agent.profile.name, "selected": agent.id == agentId,
                    "variables": agent.variables.joined(separator: " "),
                ] as [String: Any]
            },
            "hasAgents": !agents.isEmpty,
            "numbers": numbers.map { number in
                [
                    "e164": number.e164, "label": number.label, "outbound": number.outbound,
                    "checked": pool.contains(number.e164),
                ] as [String: Any]
            },
            "hasNumbers": !numbers.isEmpty,
            "concurrency": settings.concurrency, "inboundReserve": settings.inboundReserve,
            "callsPerHour": settings.callsPerHour.map(String.init) ?? "",
            "modes": CampaignMode.allCases.map { ["value": $0.rawValue, "selected": $0 == settings.mode] },
            "windowStart": window.start.description, "windowEnd": window.end.description,
            "zones": zones.map { ["value": $0, "selected": $0 == window.timezone.name] },
            "days": Weekday.allCases.map { ["value": $0.rawValue, "checked": window.days.contains($0)] },
            "maxAttempts": settings.retry.maxAttempts, "delayMinutes": settings.retry.delayMinutes,
            "retryOn": systemOutcomes.map { ["value": $0, "checked": settings.retry.on.contains($0)] },
            "customDispositions": settings.customDispositions.joined(separator: ", "),
            "successDispositions": settings.successDispositions.joined(separator: ", "),
            "stopAfter": settings.retry.stopAfterConnectSeconds.map(String.init) ?? "",
            "redialShort": settings.retry.redialShortConnectSeconds.map(String.init) ?? "",
            "callbackDetection": settings.callbackDetection, "stickyExclusion": settings.stickyExclusion,
            "callerIdStrategies": CallerIdStrategy.allCases.map {
                ["value": $0.rawValue, "selected": $0 == settings.callerIdStrategy]
            },
            "numberStrategies": NumberStrategy.allCases.map {
                ["value": $0.rawValue, "selected": $0 == settings.retry.numberStrategy]
            },
            "voicemailActions": VoicemailAction.allCases.map {
                ["value": $0.rawValue, "selected": $0 == settings.voicemailAction]
            },
            "startAt": settings.startAt.map(ISOTime.format) ?? "",
        ]
        if let campaign {
            context["id"] = campaign.id
            context["etag"] = ServerCampaigns.etag(campaign)
            context["status"] = campaign.status.rawValue
            context["canClone"] = user.may("cloneCampaign")
        }
        let title = campaign.map { "Edit \($0.settings.name)" } ?? "New campaign"
        return DashboardView.page(
            "wizard", title: title, section: "/campaigns", user: user, request: request, context: context)
    }
}
