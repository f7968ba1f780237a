import CampaignCore
import CampaignStore
import Foundation

/// The demo's data: an organisation, an agent, two numbers, 360 contacts in seven US time zones and a multi-day
/// campaign, created in an empty store. `outbound demo` runs it on the simulator; `outbound serve --demo` will too.
public enum DemoCampaign {
    /// What ``create(in:at:)`` made.
    public struct Created: Sendable {
        /// The draft campaign's id.
        public let campaignId: Int64
        /// Its settings.
        public let settings: CampaignSettings
        /// Contacts imported.
        public let imported: Int
    }

    /// Creates the demo organisation, agent, campaign and contacts, every row stamped `start`.
    public static func create(in store: SQLCampaignStore, at start: Date) async throws -> Created {
        let settings = try SettingsDocument.parse(Data(settingsDocument.utf8))
        let orgId = try await store.createOrganization(name: "Demo Org", now: start)
        let agentId = try await store.createAgent(orgId: orgId, profile: settings.agent, now: start)
        let campaignId = try await store.createCampaign(orgId: orgId, agentId: agentId, settings: settings, now: start)
        guard
            let list = Bundle.module.url(forResource: "demo-contacts", withExtension: "csv", subdirectory: "Resources")
        else { throw AppFailure("the bundled demo contact list is missing from this build") }
        let job = try ContactImportJob(source: .file(path: list.path), region: "US", mappings: [], mode: .replace)
        let report = try await job.run(store: store, campaignId: campaignId, now: start)
        return Created(campaignId: campaignId, settings: settings, imported: report.totals.imported)
    }

    /// The demo campaign's settings document.
    public static let settingsDocument = """
        {
          "name": "Spring Renewal Demo",
          "description": "Sample campaign of outbound demo",
          "agent": {
            "name": "Zara",
            "greeting": "Hi {{NAME}}, this is Zara from Acme about case {{CASE_NUMBER}}.",
            "prompt": "You are a polite renewal assistant.",
            "voicemailMessage": "Hi {{NAME}}, please call Acme back about case {{CASE_NUMBER}}.",
            "callbacks": true
          },
          "numberPool": ["+14155550100", "+14155550101"],
          "window": { "start": "09:00", "end": "18:00", "timezone": "recipient",
                      "days": ["mon", "tue", "wed", "thu", "fri"] },
          "mode": "multi-day",
          "concurrency": 4,
          "retry": { "maxAttempts": 3, "delayMinutes": 120, "on": ["no_answer", "busy", "failed", "timeout", "voicemail"] },
          "callbackDetection": true
        }
        """
}
