import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import NIOCore
import OutboundApp

/// `/agents/new` and `/agents/{id}`: an agent's texts as a plain form (create, or save under the ETag it was read
/// with), the `{{VARIABLES}}` they use and a preview rendered for a sample contact (`NAME` missing → "there"), both
/// computed by the server (`POST /agents/preview`, which `agent.js` asks as the texts are typed). A saved agent's page
/// places a test call (`POST /agents/{id}/test-call`) and shows it live on its own campaign page.
enum AgentPages {
    static func add(to router: Router<ServerRequestContext>, services: ServerServices) {
        DashboardPages.page(router, "/agents/new", services) { request, _, user in
            page(request, user: user, profile: AgentProfile(name: ""), id: nil, etag: nil)
        }
        DashboardPages.page(router, "/agents/{id}", services) { request, context, user in
            let agent = try await services.catalog.agents.agent(orgId: user.orgId, id: try DashboardPages.id(context))
            let callerIds = try await services.store.numbers(orgId: user.orgId, afterId: nil, limit: 500)
                .filter(\.outbound).map(\.e164)
            return page(
                request, user: user, profile: agent.profile, id: agent.id, etag: AgentCatalog.etag(agent),
                streamUrl: agent.streamUrl, callerIds: callerIds)
        }
        DashboardPages.action(router, "/agents/{id}/test-call", services, operation: { _ in "placeTestCall" }) {
            fields, context, user in
            let placed = try await services.testCalls.place(
                orgId: user.orgId, agentId: try DashboardPages.id(context), to: fields["to"], from: fields["from"],
                variables: fields["name"].map { $0.isEmpty ? [:] : ["NAME": $0] } ?? [:])
            return DashboardView.redirect(
                "/campaigns/\(placed.campaignId)", notice: "Test call to \(placed.to) placed from \(placed.from)")
        }
        DashboardPages.action(router, "/agents/new", services, operation: { _ in "createAgent" }) {
            fields, _, user in
            let agent = try await services.catalog.agents.create(
                orgId: user.orgId, profile: profile(fields), streamUrl: streamUrl(fields, current: nil),
                by: .user(user.session.userId))
            return DashboardView.redirect("/agents/\(agent.id)", notice: "Agent \(agent.profile.name) created")
        }
        DashboardPages.action(router, "/agents/{id}", services, operation: { _ in "updateAgent" }) {
            fields, context, user in
            let id = try DashboardPages.id(context)
            let current = try await services.catalog.agents.agent(orgId: user.orgId, id: id)
            let agent = try await services.catalog.agents.update(
                orgId: user.orgId, id: id, profile: profile(fields),
                streamUrl: streamUrl(fields, current: current.streamUrl),
                ifMatch: fields["etag"], by: .user(user.session.userId))
            return DashboardView.redirect("/agents/\(agent.id)", notice: "Agent \(agent.profile.name) saved")
        }
        router.post("/agents/preview") { request, _ in
            guard let user = try await DashboardUser.of(request, services: services) else {
                throw Problem(.unauthorized, "sign in again")
            }
            let fields = try await user.form(request)
            let figures = preview(profile(fields))
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONBody.data(figures))))
        }
    }

    /// The profile the form's fields describe.
    static func profile(_ fields: [String: String]) -> AgentProfile {
        AgentProfile(
            name: fields["name"] ?? "", greeting: fields["greeting"] ?? "", prompt: fields["prompt"] ?? "",
            voicemailMessage: fields["voicemailMessage"] ?? "", callbacks: fields["callbacks"] == "on")
    }

    /// The form's stream URL (empty: none); a form without the field keeps `current`.
    static func streamUrl(_ fields: [String: String], current: String?) -> String? {
        guard let text = fields["streamUrl"]?.trimmingCharacters(in: .whitespaces) else { return current }
        return text.isEmpty ? nil : text
    }

    /// The variables the texts use and the texts rendered for a sample contact without a name.
    static func preview(_ profile: AgentProfile) -> JSONValue {
        let variables = Template.variables(in: [profile.greeting, profile.prompt, profile.voicemailMessage])
        var sample: [String: String] = [:]
        for name in variables where name != "NAME" { sample[name] = "<\(name)>" }
        let rendered = AgentRules.preview(profile, variables: sample)
        return .object([
            "variables": .array(variables.map(JSONValue.string)),
            "preview": .object(rendered.mapValues(JSONValue.string)),
        ])
    }

    static func page(
        _ request: Request, user: DashboardUser, profile: AgentProfile, id: Int64?, etag: String?,
        streamUrl: String? = nil, callerIds: [String] = []
    ) -> Response {
        var context: [String: Any] = [
            "agentName": profile.name, "greeting": profile.greeting, "prompt": profile.prompt,
            "voicemailMessage": profile.voicemailMessage, "callbacks": profile.callbacks,
            "streamUrl": streamUrl ?? "",
            "canSave": user.may(id == nil ? "createAgent" : "updateAgent"),
            "action": id.map { "/agents/\($0)" } ?? "/agents/new",
        ]
        if case .object(let figures) = preview(profile) {
            if case .array(let names)? = figures["variables"] {
                context["variables"] = names.compactMap { value -> String? in
                    if case .string(let text) = value { return text }
                    return nil
                }
            }
            if case .object(let rendered)? = figures["preview"] {
                for (key, value) in rendered {
                    if case .string(let text) = value { context["preview_" + key] = text }
                }
            }
        }
        if let id {
            context["id"] = id
            context["etag"] = etag ?? ""
            context["canTestCall"] = user.may("placeTestCall") && !callerIds.isEmpty
            context["callerIds"] = callerIds
        }
        return DashboardView.page(
            "agent", title: id == nil ? "New agent" : profile.name, section: "/agents", user: user, request: request,
            context: context)
    }
}
