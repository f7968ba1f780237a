import CampaignCore
import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// The agent's report of a call: the bearer token is the call's own, checked by ``AgentCalls``.
enum AgentCallHandlers {
    static let fields: Set<String> = ["disposition", "turns", "transcript", "callbackAt"]

    static func report(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "call")
        let fields = try JSONBody.object(call.body, allowed: fields)
        let recording = try await call.services.agentCalls.report(
            callId: id, token: bearerToken(call.request) ?? "",
            disposition: try CatalogJSON.string(fields, "disposition", nullable: true),
            turns: try CatalogJSON.integer(fields, "turns"), transcript: try CatalogJSON.string(fields, "transcript"),
            callbackAt: try CatalogJSON.string(fields, "callbackAt", nullable: true))
        return JSONBody.response(
            .object([
                "callId": .number(Double(id)), "status": .string(recording == .repeated ? "repeated" : "recorded"),
            ]))
    }

    /// Refuses (401) a request whose bearer token is not the token of the call its path names, before its body is
    /// read: an API key or a session is no such token.
    static func authenticate(_ request: Request, parameters: Parameters, services: ServerServices) async throws {
        let callId = parameters.get("id").flatMap { Int64($0) }
        guard let token = bearerToken(request), let callId,
            try await services.agentCalls.isToken(token, ofCall: callId)
        else {
            throw Problem(
                .unauthorized, "send this call's token (start.customParameters.token) as 'Authorization: Bearer oct_…'",
                headers: [.wwwAuthenticate: "Bearer realm=\"outbound-call\""])
        }
    }

    /// The token of `Authorization: Bearer <token>`, nil without one.
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1])
    }
}
