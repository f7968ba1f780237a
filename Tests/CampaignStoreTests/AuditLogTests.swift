import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("The audit log: who did what and when, written in the change's own transaction")
struct AuditLogTests {
    static let now = Date(timeIntervalSince1970: 1_772_550_000)
    static let alice = AuditActor(kind: "user", id: 3, label: "alice@example.com")

    func withStore(_ body: (SQLCampaignStore) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-audit-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await SQLCampaignStore.openSQLite(path: folder.appendingPathComponent("a.sqlite").path)
        do {
            try await body(store)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    func settings(_ name: String = "Spring") -> CampaignSettings {
        CampaignSettings(name: name, agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100"])
    }

    @Test("create, edit, start and pause are recorded with the actor of the task, newest first")
    func lifecycleIsRecorded() async throws {
        try await withStore { store in
            let orgId = try await store.createOrganization(name: "acme", now: Self.now)
            try await AuditContext.$actor.withValue(Self.alice) {
                let id = try await store.createCampaign(orgId: orgId, settings: settings(), now: Self.now)
                _ = try await store.addLeads(
                    campaignId: id,
                    leads: [
                        NewLead(
                            sourceLine: 2, numbers: ["+12125550100"], timezones: ["America/New_York"],
                            timezoneSource: "column", variables: [:])
                    ], now: Self.now)
                var edited = settings()
                edited.concurrency = 7
                edited.retry.maxAttempts = 5
                _ = try await store.updateSettings(campaignId: id, settings: edited, now: Self.now)
                _ = try await store.apply(.start, campaignId: id, now: Self.now)
            }
            let entries = try await store.auditEntries(orgId: orgId, filter: AuditFilter(), beforeId: nil, limit: 10)
            #expect(entries.map(\.action) == ["campaign.start", "campaign.edit", "campaign.create"])
            #expect(entries.allSatisfy { $0.actor == Self.alice && $0.at == Self.now && $0.targetKind == "campaign" })
            #expect(entries[0].detail == ["from": "draft", "to": "running"])
            #expect(entries[1].detail["changed"] == "concurrency,retry")
            let other = try await store.createOrganization(name: "other", now: Self.now)
            #expect(try await store.auditEntries(orgId: other, filter: AuditFilter(), beforeId: nil, limit: 10).isEmpty)
        }
    }

    @Test("a campaign created for an agent of the catalog (agentId) or with a new one is recorded either way")
    func everyCreatePathIsRecorded() async throws {
        try await withStore { store in
            let orgId = try await store.createOrganization(name: "acme", now: Self.now)
            let agent = try await store.createAgent(
                orgId: orgId, profile: AgentProfile(name: "Nova"), streamUrl: nil, now: Self.now)
            try await AuditContext.$actor.withValue(Self.alice) {
                _ = try await store.createCampaign(
                    orgId: orgId, agentId: agent.id, settings: settings("By id"), requireOwnedPool: false, now: Self.now
                )
                _ = try await store.createCampaign(
                    orgId: orgId, agentId: nil, settings: settings("Inline"), requireOwnedPool: false, now: Self.now)
            }
            let entries = try await store.auditEntries(
                orgId: orgId, filter: AuditFilter(actionPrefix: "campaign."), beforeId: nil, limit: 10)
            #expect(entries.map(\.action) == ["campaign.create", "campaign.create"])
            #expect(entries.map { $0.detail["name"] } == ["Inline", "By id"])
            #expect(entries.last?.detail["agent"] == "\(agent.id)" && entries.allSatisfy { $0.actor == Self.alice })
        }
    }

    @Test("a refused change records nothing; without an actor the system is named")
    func refusedChangesLeaveNoEntry() async throws {
        try await withStore { store in
            let orgId = try await store.createOrganization(name: "acme", now: Self.now)
            let id = try await store.createCampaign(orgId: orgId, settings: settings(), now: Self.now)
            await #expect(throws: StoreError.self) {
                try await AuditContext.$actor.withValue(Self.alice) {
                    _ = try await store.apply(.pause, campaignId: id, now: Self.now)
                }
            }
            let entries = try await store.auditEntries(orgId: orgId, filter: AuditFilter(), beforeId: nil, limit: 10)
            #expect(entries.map(\.action) == ["campaign.create"])
            #expect(entries.first?.actor == .system)
        }
    }

    @Test("pages continue before the last id; filters by object and action prefix")
    func pagesAndFilters() async throws {
        try await withStore { store in
            let orgId = try await store.createOrganization(name: "acme", now: Self.now)
            let first = try await store.createCampaign(orgId: orgId, settings: settings("A"), now: Self.now)
            let second = try await store.createCampaign(orgId: orgId, settings: settings("B"), now: Self.now)
            _ = try await store.clone(campaignId: first, withContacts: false, now: Self.now)
            try await store.setHoursExemption(orgId: orgId, reason: "storm warnings", now: Self.now)
            try await store.setHoursExemption(orgId: orgId, reason: nil, now: Self.now)
            var seen: [Int64] = []
            var before: Int64?
            repeat {
                let page = try await store.auditEntries(orgId: orgId, filter: AuditFilter(), beforeId: before, limit: 2)
                seen += page.map(\.id)
                before = page.count == 2 ? page.last?.id : nil
            } while before != nil
            #expect(seen.count == 5 && seen == seen.sorted(by: >))
            let aboutSecond = try await store.auditEntries(
                orgId: orgId, filter: AuditFilter(targetKind: "campaign", targetId: second), beforeId: nil, limit: 10)
            #expect(aboutSecond.map(\.action) == ["campaign.create"])
            let exemptions = try await store.auditEntries(
                orgId: orgId, filter: AuditFilter(actionPrefix: "organization.exemption"), beforeId: nil, limit: 10)
            #expect(exemptions.map(\.action) == ["organization.exemption.end", "organization.exemption.grant"])
            #expect(try await store.hoursExemption(orgId: orgId) == nil)
            let percent = try await store.auditEntries(
                orgId: orgId, filter: AuditFilter(actionPrefix: "%"), beforeId: nil, limit: 10)
            #expect(percent.isEmpty, "LIKE wildcards in the prefix are literal")
        }
    }
}
