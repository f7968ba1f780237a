import CampaignCore
import CampaignStore
import Foundation

extension ServerCampaigns {
    /// Creates a draft from a settings document. A document naming `"agentId"` (SPEC §11) gets that agent's texts
    /// and must use numbers the organisation owns and may call from; an inline `agent` creates a new agent, and its
    /// pool numbers are registered as outbound numbers unless the organisation has them already. Either way an
    /// inbound-only pool number is refused, named.
    public func createWithAgent(orgId: Int64, document: Data) async throws -> Campaign {
        let (resolved, agentId) = try await resolvingAgent(orgId: orgId, document: document)
        let settings = try validate(resolved)
        try await checkPool(orgId: orgId, settings.numberPool, requireOwned: agentId != nil)
        let id = try await store.createCampaign(
            orgId: orgId, agentId: agentId, settings: settings, requireOwnedPool: agentId != nil, now: now())
        return try await campaign(orgId: orgId, id: id)
    }

    /// Checks a settings document exactly as a create would (an `agentId` resolved to the organisation's agent, the
    /// pool checked against its numbers) without storing anything; the settings it would store.
    public func validate(orgId: Int64, document: Data) async throws -> CampaignSettings {
        let (resolved, agentId) = try await resolvingAgent(orgId: orgId, document: document)
        let settings = try validate(resolved)
        try await checkPool(orgId: orgId, settings.numberPool, requireOwned: agentId != nil)
        return settings
    }

    /// Refuses (422, `numberPool`) a pool naming an inbound-only number, or, when `requireOwned`, a number the
    /// organisation does not own.
    func checkPool(orgId: Int64, _ pool: [String], requireOwned: Bool) async throws {
        let problems = try await store.poolProblems(orgId: orgId, pool: pool, requireOwned: requireOwned)
        guard problems.isEmpty else {
            throw ServerFailure.invalid(
                problems.map { FieldProblem(field: "numberPool", detail: "\($0.e164) \($0.reason)") })
        }
    }

    /// The document with `agentId` replaced by the agent's texts as an inline `agent`, and that id; the document
    /// unchanged and nil when it names no `agentId` (the parser then reports whatever else is wrong with it).
    func resolvingAgent(orgId: Int64, document: Data) async throws -> (Data, Int64?) {
        guard case .object(var fields)? = try? JSONDecoder().decode(JSONValue.self, from: document),
            let value = fields["agentId"]
        else { return (document, nil) }
        guard case .number(let number) = value, let id = Int64(exactly: number), id > 0 else {
            throw ServerFailure.invalid([FieldProblem(field: "agentId", detail: "must be an agent's id")])
        }
        guard fields["agent"] == nil else {
            throw ServerFailure.invalid(
                [FieldProblem(field: "agentId", detail: "name an agent by agentId or inline as agent, not both")])
        }
        guard let agent = try await store.agent(orgId: orgId, id: id) else {
            throw ServerFailure.invalid([FieldProblem(field: "agentId", detail: "agent \(id) not found")])
        }
        fields["agentId"] = nil
        fields["agent"] = .object([
            "name": .string(agent.profile.name), "greeting": .string(agent.profile.greeting),
            "prompt": .string(agent.profile.prompt), "voicemailMessage": .string(agent.profile.voicemailMessage),
            "callbacks": .bool(agent.profile.callbacks),
        ])
        return (try JSONEncoder().encode(JSONValue.object(fields)), id)
    }
}
