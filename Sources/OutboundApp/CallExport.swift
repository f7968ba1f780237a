import CampaignCore
import CampaignStore

/// The call log export of SPEC §10: every call (of one campaign, or of all) as CSV, oldest first.
public enum CallExport {
    /// The whole log, header first, each line with its line end; an unknown campaign is an ``AppFailure``.
    public static func text(
        store: some CampaignRepository & ReportsStore, campaignId: Int64?
    ) async throws -> String {
        if let campaignId { _ = try await CampaignLookup.campaign(campaignId, in: store) }
        let calls = try await store.calls(campaignId: campaignId)
        var output = CallLogFormat.line(CallLogFormat.header) + "\n"
        for call in calls { output += CallLogFormat.line(CallLogFormat.fields(call)) + "\n" }
        return output
    }
}
