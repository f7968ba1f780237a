import CampaignCore
import CampaignStore
import Foundation

/// The contact export of SPEC §10: a campaign's contacts as CSV lines in list order, each lead's `blocked_by`
/// filled for the campaign's own moment (its simulation's virtual time when it has one, else now).
public struct ContactExport: Sendable {
    /// The campaign.
    public let campaignId: Int64
    /// The quiet hours and caps that fill `blocked_by`.
    public let compliance: ComplianceRules

    /// An export of `campaignId` under `compliance`.
    public init(campaignId: Int64, compliance: ComplianceRules) {
        self.campaignId = campaignId
        self.compliance = compliance
    }

    /// Writes the header line, then one line per contact, each with its line end, through `write` (called from the
    /// store's row callbacks, so it must not block).
    public func run(
        store: some CampaignRepository & ContactListStore & SimulationClockStore,
        write: @escaping @Sendable (String) -> Void, now: Date = Date()
    ) async throws {
        let campaign = try await CampaignLookup.campaign(campaignId, in: store)
        let moment = try await store.simulationClock(campaignId: campaignId) ?? now
        let holds = RuleHolds(window: campaign.settings.window, rules: compliance, at: moment)
        write(CSVLine.line(ExportedContact.header) + "\n")
        try await store.exportContacts(campaignId: campaignId) { contact in
            write(CSVLine.line(holds.filled(contact).fields) + "\n")
        }
    }
}
