import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// The agent routes' handlers: parse, call ``AgentCatalog``, answer JSON.
enum AgentHandlers {
    static let fields: Set<String> = ["name", "greeting", "prompt", "voicemailMessage", "callbacks", "streamUrl"]

    static func list(_ call: RouteCall) async throws -> RouteReply {
        let name = call.query("name")
        if let name, name.count > 200 { throw Problem.badField("name", "is longer than 200 characters") }
        let page = try await call.services.catalog.agents.list(
            orgId: try call.orgId, nameContains: name,
            afterId: try PageCursor.decode(call.query("cursor"), kind: "a", count: 1)?.first,
            limit: try call.limit())
        return JSONBody.response(
            Representations.list(
                page.items.map(CatalogJSON.agent), next: page.next.map { PageCursor.encode("a", [$0]) }))
    }

    static func create(_ call: RouteCall) async throws -> RouteReply {
        let (profile, streamUrl) = try request(call)
        let agent = try await call.services.catalog.agents.create(
            orgId: try call.orgId, profile: profile, streamUrl: streamUrl, by: call.actingPrincipal)
        return answer(agent, status: .created)
    }

    static func get(_ call: RouteCall) async throws -> RouteReply {
        answer(try await call.services.catalog.agents.agent(orgId: try call.orgId, id: try call.id(of: "agent")))
    }

    static func update(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "agent")
        _ = try await call.services.catalog.agents.agent(orgId: try call.orgId, id: id)
        let (profile, streamUrl) = try request(call)
        let agent = try await call.services.catalog.agents.update(
            orgId: try call.orgId, id: id, profile: profile, streamUrl: streamUrl, ifMatch: call.header(.ifMatch),
            by: call.actingPrincipal)
        return answer(agent)
    }

    static func delete(_ call: RouteCall) async throws -> RouteReply {
        try await call.services.catalog.agents.delete(
            orgId: try call.orgId, id: try call.id(of: "agent"), by: call.actingPrincipal)
        return CatalogHandlers.noContent
    }

    static func template(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "agent")
        let csv = try await call.services.catalog.agents.template(orgId: try call.orgId, id: id)
        return RouteReply(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"agent-\(id)-template.csv\"",
            ],
            body: ByteBuffer(string: csv))
    }

    static func preview(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "agent")
        let orgId = try call.orgId
        _ = try await call.services.catalog.agents.agent(orgId: orgId, id: id)
        let fields = try JSONBody.object(call.body, allowed: ["variables"])
        let variables = try CatalogJSON.strings(fields, "variables")
        let rendered = try await call.services.catalog.agents.preview(orgId: orgId, id: id, variables: variables)
        return JSONBody.response(.object(rendered.mapValues(JSONValue.string)))
    }

    /// The agent's fields from the body: `name` required, the texts default to empty, `callbacks` to false.
    static func request(_ call: RouteCall) throws -> (AgentProfile, String?) {
        let body = try JSONBody.object(call.body, allowed: fields)
        guard let name = try CatalogJSON.string(body, "name") else { throw CatalogJSON.missing("name") }
        let profile = AgentProfile(
            name: name, greeting: try CatalogJSON.string(body, "greeting") ?? "",
            prompt: try CatalogJSON.string(body, "prompt") ?? "",
            voicemailMessage: try CatalogJSON.string(body, "voicemailMessage") ?? "",
            callbacks: try CatalogJSON.bool(body, "callbacks") ?? false)
        let streamUrl = try CatalogJSON.string(body, "streamUrl", nullable: true)
        return (profile, streamUrl.flatMap { $0.isEmpty ? nil : $0 })
    }

    static func answer(_ agent: Agent, status: HTTPResponse.Status = .ok) -> RouteReply {
        var headers: HTTPFields = [.eTag: AgentCatalog.etag(agent)]
        if status == .created { headers[.location] = "/v1/agents/\(agent.id)" }
        return JSONBody.response(CatalogJSON.agent(agent), status: status, headers: headers)
    }
}

/// What the catalog's handlers share.
enum CatalogHandlers {
    /// The answer of a delete.
    static let noContent = RouteReply(status: .noContent, headers: [:], body: ByteBuffer())
}

extension RouteCall {
    /// Who the request acts for, as the use cases record it.
    var actingPrincipal: ActingPrincipal {
        guard let principal else { return .commandLine }
        if let userId = principal.userId { return .user(userId) }
        return .apiKey(principal.keyId ?? 0)
    }
}
