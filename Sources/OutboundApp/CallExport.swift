import CampaignCore
import CampaignStore

/// The call log export of SPEC §10: every call (of one campaign, or of all) as CSV, oldest first, read in keyset
/// pages (``ExportPageStore``) and written page by page, so that memory stays flat however long the log is.
public enum CallExport {
    /// Calls read per page.
    public static let pageSize = 2_000

    /// Writes the header line, then one line per call, each with its line end, through `write` (one call per page);
    /// an unknown campaign is an ``AppFailure`` and writes nothing.
    public static func write(
        store: some CampaignRepository & ExportPageStore, campaignId: Int64?, pageSize: Int = pageSize,
        _ write: (String) async throws -> Void
    ) async throws {
        if let campaignId { _ = try await CampaignLookup.campaign(campaignId, in: store) }
        try await write(CallLogFormat.line(CallLogFormat.header) + "\n")
        var after: Int64?
        while true {
            let page = try await store.callExportPage(campaignId: campaignId, afterId: after, limit: pageSize)
            guard let last = page.last else { return }
            var text = ""
            for call in page { text += CallLogFormat.line(CallLogFormat.fields(call)) + "\n" }
            try await write(text)
            guard page.count == pageSize else { return }
            after = last.id
        }
    }

    /// The whole log as one text (for small logs and tests).
    public static func text(
        store: some CampaignRepository & ExportPageStore, campaignId: Int64?, pageSize: Int = pageSize
    ) async throws -> String {
        var output = ""
        try await write(store: store, campaignId: campaignId, pageSize: pageSize) { output += $0 }
        return output
    }
}
