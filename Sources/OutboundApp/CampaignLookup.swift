import CampaignCore
import CampaignStore

/// Loading the campaign a use case works on.
public enum CampaignLookup {
    /// Loads a campaign or fails with the id named.
    public static func campaign(_ id: Int64, in store: any CampaignRepository) async throws -> Campaign {
        guard let campaign = try await store.campaign(id: id) else { throw AppFailure("campaign \(id) not found") }
        return campaign
    }
}
