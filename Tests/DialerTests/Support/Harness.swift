import CampaignCore
import CampaignStore
import Dialer
import Foundation

/// A SQLite file, a campaign in it and a runner on a virtual clock.
struct Harness {
    static let friday = ISOTime.parse("2026-03-06T20:00:00Z")!  // 15:00 in New York, before the DST weekend

    /// Runs `body` with a fresh store and closes it afterwards, even when `body` throws.
    static func withStore(_ body: (SQLCampaignStore, String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "outbound-dialer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("dialer.sqlite").path
        let store = try await SQLCampaignStore.openSQLite(path: path)
        do {
            try await body(store, path)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    static func settings(_ edit: (inout CampaignSettings) -> Void = { _ in }) -> CampaignSettings {
        var settings = CampaignSettings(
            name: "Dialer test", agent: AgentProfile(name: "Zara", callbacks: true),
            numberPool: ["+14155550100", "+14155550101"])
        settings.concurrency = 4
        settings.retry.delayMinutes = 60
        settings.retry.on.insert("voicemail")
        settings.callbackDetection = true
        edit(&settings)
        return settings
    }

    static let zones = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
        "America/Los_Angeles", "Pacific/Honolulu",
    ]

    static func leads(_ count: Int, zones: [String] = zones, numbersPerLead: Int = 1) -> [NewLead] {
        (0..<count).map { index in
            let numbers = (0..<numbersPerLead).map { "+1\(212 + $0)555\(String(format: "%04d", index))" }
            return NewLead(
                sourceLine: index + 2, numbers: numbers, timezones: [zones[index % zones.count]],
                timezoneSource: "column", variables: ["NAME": "Contact \(index)"])
        }
    }

    static func campaign(
        in store: any CampaignStore, settings: CampaignSettings, leads: [NewLead], at now: Date
    )
        async throws -> Int64
    {
        let orgId = try await store.organization(named: "acme", now: now)
        let agentId = try await store.createAgent(orgId: orgId, profile: settings.agent, now: now)
        let id = try await store.createCampaign(orgId: orgId, agentId: agentId, settings: settings, now: now)
        _ = try await store.addLeads(campaignId: id, leads: leads, now: now)
        return id
    }

    static func runner(
        store: any CampaignStore, campaignId: Int64, clock: VirtualClock, seed: UInt64 = 42,
        settings: CampaignSettings, worker: String = "worker-1",
        provider: (any CallScript)? = nil, compliance: ComplianceRules = permissive
    ) -> CampaignRunner {
        CampaignRunner(
            store: store, campaignId: campaignId,
            provider: provider ?? SimulatorProvider(model: settings.simulator, seed: seed), clock: clock,
            workerId: worker, compliance: compliance)
    }

    /// Rules that allow every hour of every day and cap nothing, for tests about other rules than quiet hours.
    static let permissive: ComplianceRules = {
        let day = HoursSpan(start: LocalTime(minutes: 0)!, end: LocalTime(minutes: 1440)!)!
        let rule = ComplianceRule(
            id: "anytime", source: "tests", jurisdiction: ComplianceRules.defaultJurisdiction,
            hours: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, day) }))
        return try! ComplianceRules(version: 1, rules: [rule])
    }()
}
