import CampaignCore
import CampaignStore
import Foundation

/// A fresh SQLite file holding one small campaign, for the use cases to run on.
enum AppStore {
    static let friday = Date(timeIntervalSince1970: 1_772_827_200)  // 2026-03-06T20:00:00Z, 15:00 in New York

    /// Runs `body` with a fresh store and closes it afterwards, even when `body` throws.
    static func withStore(_ body: (SQLCampaignStore) async throws -> Void) async throws {
        try await withFolder { folder in
            let store = try await SQLCampaignStore.openSQLite(path: folder.appendingPathComponent("app.sqlite").path)
            do {
                try await body(store)
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
        }
    }

    /// Runs `body` with a fresh folder, removed afterwards.
    static func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-app-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    /// A draft campaign of `count` leads in New York and Chicago; its id.
    static func campaign(in store: SQLCampaignStore, leads count: Int) async throws -> Int64 {
        var settings = CampaignSettings(
            name: "App test", agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100", "+14155550101"])
        settings.concurrency = 4
        let leads = (0..<count).map { index in
            NewLead(
                sourceLine: index + 2, numbers: ["+1212555\(String(format: "%04d", index))"],
                timezones: [index.isMultiple(of: 2) ? "America/New_York" : "America/Chicago"],
                timezoneSource: "column", variables: ["NAME": "Contact \(index)"])
        }
        let orgId = try await store.organization(named: "acme", now: friday)
        let agentId = try await store.createAgent(orgId: orgId, profile: settings.agent, now: friday)
        let id = try await store.createCampaign(orgId: orgId, agentId: agentId, settings: settings, now: friday)
        _ = try await store.addLeads(campaignId: id, leads: leads, now: friday)
        return id
    }
}
