import CampaignCore
import CampaignStore
import Crypto
import Foundation

/// The agent use cases (SPEC §11), scoped to one organisation: list, read, create, edit under an optional
/// `If-Match`, delete while unused, CSV template and rendered preview.
public struct AgentCatalog: Sendable {
    let store: any CatalogStore
    let now: @Sendable () -> Date

    /// Use cases over `store` on the clock `now`.
    public init(store: any CatalogStore, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.now = now
    }

    /// A page of agents by id, optionally only those whose names contain `nameContains`.
    public func list(
        orgId: Int64, nameContains: String?, afterId: Int64?, limit: Int
    ) async throws -> CatalogPage<Agent, Int64> {
        let found = try await store.agents(
            orgId: orgId, nameContains: nameContains, afterId: afterId, limit: limit + 1)
        return CatalogPage(found: found, limit: limit, key: \.id)
    }

    /// The organisation's agent.
    public func agent(orgId: Int64, id: Int64) async throws -> Agent {
        guard let agent = try await store.agent(orgId: orgId, id: id) else {
            throw ServerFailure.notFound("agent \(id) not found")
        }
        return agent
    }

    /// Stores a new agent after checking every field.
    public func create(
        orgId: Int64, profile: AgentProfile, streamUrl: String?, by principal: ActingPrincipal
    ) async throws -> Agent {
        try Self.check(profile: profile, streamUrl: streamUrl)
        return try await store.createAgent(orgId: orgId, profile: profile, streamUrl: streamUrl, now: now())
    }

    /// Replaces an agent's fields. With `ifMatch` (its ``etag(_:)``), the edit applies only if no one changed the
    /// agent since it was read (412 otherwise); without it, the last edit wins.
    public func update(
        orgId: Int64, id: Int64, profile: AgentProfile, streamUrl: String?, ifMatch: String?,
        by principal: ActingPrincipal
    ) async throws -> Agent {
        _ = try await agent(orgId: orgId, id: id)
        try Self.check(profile: profile, streamUrl: streamUrl)
        let tags = ifMatch?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        do {
            return try await store.updateAgent(
                orgId: orgId, id: id, profile: profile, streamUrl: streamUrl, now: now(),
                expecting: { agent in tags.map { $0.contains("*") || $0.contains(Self.etag(agent)) } ?? true })
        } catch CatalogError.changedSince {
            throw ServerFailure.preconditionFailed(
                "agent \(id) changed since that ETag was read; read it again and reapply the edit")
        }
    }

    /// Deletes an agent no campaign uses (the refusal names the campaigns that do).
    public func delete(orgId: Int64, id: Int64, by principal: ActingPrincipal) async throws {
        try await store.deleteAgent(orgId: orgId, id: id, now: now())
    }

    /// The agent's CSV template: `phone_number`, `name`, a column per other variable, and one example row.
    public func template(orgId: Int64, id: Int64) async throws -> String {
        AgentRules.csvTemplate(variables: try await agent(orgId: orgId, id: id).variables)
    }

    /// The agent's texts rendered with sample `variables` (names normalised; `NAME` missing → `there`).
    public func preview(orgId: Int64, id: Int64, variables: [String: String]) async throws -> [String: String] {
        AgentRules.preview(try await agent(orgId: orgId, id: id).profile, variables: variables)
    }

    /// The agent's entity tag: a strong ETag that changes whenever one of its fields does.
    public static func etag(_ agent: Agent) -> String {
        let fields = [
            agent.profile.name, agent.profile.greeting, agent.profile.prompt, agent.profile.voicemailMessage,
            agent.profile.callbacks ? "1" : "0", agent.streamUrl ?? "",
        ]
        var data = Data()
        for field in fields {
            data.append(Data(String(field.utf8.count).utf8))
            data.append(0x3A)
            data.append(Data(field.utf8))
        }
        let digest = SHA256.hash(data: data).prefix(12).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        return "\"\(digest)\""
    }

    static func check(profile: AgentProfile, streamUrl: String?) throws {
        let problems = AgentRules.problems(profile: profile, streamUrl: streamUrl)
        guard problems.isEmpty else { throw ServerFailure.invalid(problems.map(\.fieldProblem)) }
    }
}
