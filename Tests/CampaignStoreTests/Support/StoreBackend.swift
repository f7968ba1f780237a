import CampaignCore
import CampaignStore
import Foundation
import Synchronization
import Testing

/// The databases the store suite runs against. Every test takes a backend as its argument, so the same suite
/// runs unchanged on PostgreSQL once that backend is added here.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible {
    case sqlite

    static var available: [StoreBackend] { [.sqlite] }

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh, empty database and closes every connection it opened, even when it throws.
    func withDatabase(_ body: (TestDatabase) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "outbound-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = TestDatabase(path: folder.appendingPathComponent("test.sqlite").path)
        do {
            try await body(database)
        } catch {
            await database.closeAll()
            throw error
        }
        await database.closeAll()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `body` with one store on a fresh database.
    func withStore(_ body: (SQLCampaignStore) async throws -> Void) async throws {
        try await withDatabase { database in try await body(try await database.open()) }
    }
}

/// One test database; each `open()` is an independent connection, like another process or node.
final class TestDatabase: Sendable {
    let path: String
    private let opened = Mutex<[SQLCampaignStore]>([])

    init(path: String) { self.path = path }

    func open() async throws -> SQLCampaignStore {
        let store = try await SQLCampaignStore.openSQLite(path: path)
        opened.withLock { $0.append(store) }
        return store
    }

    func closeAll() async {
        for store in opened.withLock({ $0 }) { try? await store.close() }
    }
}

/// Builders for the objects most tests need.
enum Fixture {
    static let t0 = ISOTime.parse("2026-03-09T14:00:00Z")!  // a Monday, 10:00 in New York

    static func settings(_ edit: (inout CampaignSettings) -> Void = { _ in }) -> CampaignSettings {
        var settings = CampaignSettings(
            name: "Test", agent: AgentProfile(name: "Zara", callbacks: true),
            numberPool: ["+14155550100", "+14155550101"])
        settings.window.timezone = .named(TimeZone(identifier: "America/New_York")!)
        edit(&settings)
        return settings
    }

    static func leads(_ count: Int, prefix: String = "+1212555", zone: String = "America/New_York") -> [NewLead] {
        (0..<count).map { index in
            NewLead(
                sourceLine: index + 2, numbers: [prefix + String(format: "%04d", index)], timezones: [zone],
                timezoneSource: "column", variables: ["NAME": "Contact \(index)"])
        }
    }

    /// An organisation, agent and draft campaign with `leads`; returns (orgId, campaignId).
    static func campaign(
        in store: any CampaignStore, settings: CampaignSettings = settings(),
        leads: [NewLead] = leads(10), org: String = "acme"
    ) async throws -> (Int64, Int64) {
        let orgId = try await store.organization(named: org, now: t0)
        let agentId = try await store.createAgent(orgId: orgId, profile: settings.agent, now: t0)
        let campaignId = try await store.createCampaign(orgId: orgId, agentId: agentId, settings: settings, now: t0)
        _ = try await store.addLeads(campaignId: campaignId, leads: leads, now: t0)
        return (orgId, campaignId)
    }

    static func answered(
        at start: Date, seconds: Double = 60, disposition: String? = "INTERESTED", turns: Int = 6
    )
        -> CallResult
    {
        CallResult(
            startedAt: start, answeredAt: start.addingTimeInterval(5),
            endedAt: start.addingTimeInterval(5 + seconds), outcome: .answered, answeredBy: .human,
            turns: turns, disposition: disposition)
    }

    static func noAnswer(at start: Date) -> CallResult {
        CallResult(startedAt: start, answeredAt: nil, endedAt: start.addingTimeInterval(30), outcome: .noAnswer)
    }
}
