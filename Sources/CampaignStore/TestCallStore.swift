import CampaignCore
import Foundation

/// Test calls (`POST /v1/agents/{id}/test-call`, SPEC §12): one call through the real path, in a campaign of its
/// own that no list shows (`campaigns.purpose = 'test_call'`), so it counts in none of the organisation's campaigns
/// while its lead, call, token, report and transcript are the same rows as any other call's.
public protocol TestCallStore: Sendable {
    /// Creates the hidden campaign of a test call with agent `agentId`, its one `lead`, and starts it: the engine
    /// dials it like any running campaign. `settings.numberPool` must be one outbound number of the organisation.
    /// Answers the campaign's id.
    func createTestCall(
        orgId: Int64, agentId: Int64, settings: CampaignSettings, lead: NewLead, now: Date
    ) async throws -> Int64
    /// Whether campaign `id` of the organisation is a test call.
    func isTestCall(orgId: Int64, campaignId: Int64) async throws -> Bool
}
