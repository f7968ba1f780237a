import CampaignCore
import CampaignStore
import Foundation

extension ServerCampaigns {
    /// Parses a settings document as ``createWithAgent(orgId:document:)`` would read it: a document naming the
    /// organisation's `agentId` is checked with that agent's texts (so a wizard can validate before it creates).
    public func validate(orgId: Int64, document: Data) async throws -> CampaignSettings {
        let (resolved, _) = try await resolvingAgent(orgId: orgId, document: document)
        return try validate(resolved)
    }
}
