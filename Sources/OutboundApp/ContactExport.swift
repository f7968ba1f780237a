import CampaignCore
import CampaignStore
import Foundation

/// The contact export of SPEC §10: a campaign's contacts as CSV lines in list order, each lead's `blocked_by`
/// filled for the campaign's own moment (its simulation's virtual time when it has one, else now). Read in keyset
/// pages (``ExportPageStore``) and written page by page, so that memory stays flat however long the list is.
public struct ContactExport: Sendable {
    /// Contacts read per page.
    public static let pageSize = 2_000

    /// The campaign.
    public let campaignId: Int64
    /// The quiet hours and caps that fill `blocked_by`.
    public let compliance: ComplianceRules
    /// Contacts read per page.
    public var pageSize = ContactExport.pageSize

    /// An export of `campaignId` under `compliance`.
    public init(campaignId: Int64, compliance: ComplianceRules) {
        self.campaignId = campaignId
        self.compliance = compliance
    }

    /// Writes the header line, then one line per contact, each with its line end, through `write` (one call per
    /// page); an unknown campaign is an ``AppFailure`` and writes nothing.
    public func run(
        store: some CampaignRepository & ExportPageStore & SimulationClockStore,
        now: Date = Date(), write: (String) async throws -> Void
    ) async throws {
        let campaign = try await CampaignLookup.campaign(campaignId, in: store)
        let moment = try await store.simulationClock(campaignId: campaignId) ?? now
        let holds = RuleHolds(window: campaign.settings.window, rules: compliance, at: moment)
        try await write(CSVLine.line(ExportedContact.header) + "\n")
        var after: ContactExportKey?
        while true {
            let page = try await store.contactExportPage(campaignId: campaignId, after: after, limit: pageSize)
            guard let last = page.last, !page.contacts.isEmpty else { return }
            var text = ""
            for contact in page.contacts { text += CSVLine.line(holds.filled(contact).fields) + "\n" }
            try await write(text)
            guard page.contacts.count == pageSize else { return }
            after = last
        }
    }
}
