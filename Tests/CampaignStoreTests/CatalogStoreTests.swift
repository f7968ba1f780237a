import CampaignCore
import Foundation
import Testing

@testable import CampaignStore

@Suite("The catalog in the store: agents, carriers, numbers, opt-outs, scoped by organisation, refused while in use")
struct CatalogStoreTests {
    static let sip = CarrierDraft(
        name: "Trunk", kind: .sip, address: "sip.example.net:5060", username: "acme", password: "s3cret", cps: 5,
        ringTimeoutSeconds: 25, ratePerMinute: MicroAmount(decimal: "0.0125"), billingIncrementSeconds: 6)

    @Test(arguments: StoreBackend.available)
    func anAgentUsedByACampaignCannotBeDeletedAndAForeignOneIsNotFound(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (orgId, campaignId) = try await Fixture.campaign(in: store)
            let other = try await store.organization(named: "other", now: Fixture.t0)
            let agentId = try #require(try await store.campaign(id: campaignId)).agentId
            #expect(try await store.agent(orgId: other, id: agentId) == nil)
            await #expect(throws: CatalogError.notFound(kind: "agent", id: "\(agentId)")) {
                try await store.deleteAgent(orgId: other, id: agentId, now: Fixture.t0)
            }
            await #expect(
                throws: CatalogError.inUse(kind: "agent", id: "\(agentId)", users: ["campaign \(campaignId) 'Test'"])
            ) { try await store.deleteAgent(orgId: orgId, id: agentId, now: Fixture.t0) }
            let free = try await store.createAgent(
                orgId: orgId, profile: AgentProfile(name: "Free"), streamUrl: "wss://agent.example/stream",
                now: Fixture.t0)
            #expect(try await store.agent(orgId: orgId, id: free.id)?.streamUrl == "wss://agent.example/stream")
            try await store.deleteAgent(orgId: orgId, id: free.id, now: Fixture.t0)
            #expect(try await store.agent(orgId: orgId, id: free.id) == nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func editingAnAgentMovesCampaignsThatRanToACopyAndDraftsFollow(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (orgId, ran) = try await Fixture.campaign(in: store)
            let agentId = try #require(try await store.campaign(id: ran)).agentId
            _ = try await store.apply(.start, campaignId: ran, now: Fixture.t0)
            let draft = try await store.createCampaign(
                orgId: orgId, agentId: agentId, settings: Fixture.settings { $0.name = "Draft" },
                requireOwnedPool: true, now: Fixture.t0)
            let edited = AgentProfile(name: "Zara 2", greeting: "Hello {{NAME}}", callbacks: false)
            _ = try await store.updateAgent(
                orgId: orgId, id: agentId, profile: edited, streamUrl: nil, now: Fixture.t0, expecting: { _ in true })
            let ranAfter = try #require(try await store.campaign(id: ran))
            #expect(ranAfter.agentId != agentId, "a campaign that ran keeps its texts on a copy")
            #expect(try await store.agent(orgId: orgId, id: ranAfter.agentId)?.profile.name == "Zara")
            #expect(ranAfter.settings.agent.name == "Zara")
            let draftAfter = try #require(try await store.campaign(id: draft))
            #expect(draftAfter.agentId == agentId && draftAfter.settings.agent == edited, "a draft follows the edit")
            await #expect(throws: CatalogError.changedSince(kind: "agent", id: "\(agentId)")) {
                _ = try await store.updateAgent(
                    orgId: orgId, id: agentId, profile: edited, streamUrl: nil, now: Fixture.t0,
                    expecting: { _ in false })
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func aCarrierKeepsEveryFieldExactlyAndNeverReadsItsPasswordBack(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let orgId = try await store.organization(named: "acme", now: Fixture.t0)
            let carrier = try await store.createCarrier(orgId: orgId, draft: Self.sip, now: Fixture.t0)
            var expected = Self.sip
            expected.password = nil
            #expect(carrier.settings == expected && carrier.hasPassword)
            #expect(carrier.settings.ratePerMinute?.micros == 12_500)
            let columns = try await store.serial { db in
                try await db.raw("SELECT rate_per_minute, billing_increment_seconds FROM carriers").first()
            }
            #expect(try columns?.decode(column: "rate_per_minute", as: Int64.self) == 12_500)
            #expect(try columns?.decode(column: "billing_increment_seconds", as: Int.self) == 6)
            await #expect(throws: CatalogError.self) {
                _ = try await store.createCarrier(orgId: orgId, draft: Self.sip, now: Fixture.t0)
            }
            let number = try await store.createNumber(
                orgId: orgId, e164: "+14155550150", label: "main", carrierId: carrier.id, outbound: true,
                now: Fixture.t0)
            await #expect(
                throws: CatalogError.inUse(kind: "carrier", id: "\(carrier.id)", users: ["number +14155550150"])
            ) { try await store.deleteCarrier(orgId: orgId, id: carrier.id, now: Fixture.t0) }
            try await store.deleteNumber(orgId: orgId, id: number.id, now: Fixture.t0)
            try await store.deleteCarrier(orgId: orgId, id: carrier.id, now: Fixture.t0)
            #expect(try await store.carriers(orgId: orgId, afterId: nil, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func aNumberInACampaignsPoolCannotBeDeletedAndPoolsAreChecked(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (orgId, campaignId) = try await Fixture.campaign(in: store)
            let owned = try await store.numbers(orgId: orgId, afterId: nil, limit: 10)
            #expect(owned.map(\.e164) == ["+14155550100", "+14155550101"])
            await #expect(
                throws: CatalogError.inUse(kind: "number", id: "+14155550100", users: ["campaign \(campaignId) 'Test'"])
            ) { try await store.deleteNumber(orgId: orgId, id: owned[0].id, now: Fixture.t0) }
            let inbound = try await store.createNumber(
                orgId: orgId, e164: "+14155550160", label: "", carrierId: nil, outbound: false, now: Fixture.t0)
            #expect(!inbound.outbound)
            let problems = try await store.poolProblems(
                orgId: orgId, pool: ["+14155550100", "+14155550160", "+14155550170"], requireOwned: true)
            #expect(problems.map(\.e164) == ["+14155550160", "+14155550170"])
            await #expect(throws: CatalogError.self) {
                _ = try await store.createCampaign(
                    orgId: orgId, agentId: nil, settings: Fixture.settings { $0.numberPool = ["+14155550160"] },
                    requireOwnedPool: false, now: Fixture.t0)
            }
            let other = try await store.organization(named: "other", now: Fixture.t0)
            #expect(try await store.number(orgId: other, id: owned[0].id) == nil)
            await #expect(throws: CatalogError.invalid(field: "carrierId", detail: "carrier 99 not found")) {
                _ = try await store.createNumber(
                    orgId: orgId, e164: "+14155550180", label: "", carrierId: 99, outbound: true, now: Fixture.t0)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func optOutsKeepSourceAndTimeAndPageInNumberOrder(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let orgId = try await store.organization(named: "acme", now: Fixture.t0)
            let other = try await store.organization(named: "other", now: Fixture.t0)
            let numbers = ["+14155550103", "+14155550101", "+14155550102"]
            #expect(
                try await store.addOptOuts(orgId: orgId, numbers: numbers, source: "csv", now: Fixture.t0).count == 3)
            let again = try await store.addOptOuts(
                orgId: orgId, numbers: ["+14155550101", "+14155550104"], source: "api", now: Fixture.t0)
            #expect(again == ["+14155550104"])
            let first = try await store.optOuts(orgId: orgId, numberContains: nil, after: nil, limit: 2)
            #expect(first.map(\.e164) == ["+14155550101", "+14155550102"])
            #expect(first[0].source == "csv" && first[0].createdAt == Fixture.t0)
            let next = try await store.optOuts(orgId: orgId, numberContains: nil, after: first[1].e164, limit: 2)
            #expect(next.map(\.e164) == ["+14155550103", "+14155550104"])
            #expect(try await store.optOuts(orgId: orgId, numberContains: "0104", after: nil, limit: 9).count == 1)
            #expect(try await store.optOuts(orgId: other, numberContains: nil, after: nil, limit: 9).isEmpty)
            #expect(try await !store.removeOptOut(orgId: other, e164: "+14155550101", now: Fixture.t0))
            #expect(try await store.removeOptOut(orgId: orgId, e164: "+14155550101", now: Fixture.t0))
            #expect(try await store.optOut(orgId: orgId, e164: "+14155550101") == nil)
        }
    }

    /// A database written before the catalog migration: its `sip-trunk` carriers read as `sip`, with the defaults
    /// of the new columns.
    @Test func anOlderDatabasesSipTrunkCarriersBecomeSip() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let probe = try await database.open()
            let before = try #require(probe.migrations.firstIndex(of: probe.catalogVersion))
            try await probe.close()
            SQLCampaignStore.removeDatabaseFiles(database.path)
            let old = try await SQLCampaignStore.openSQLite(path: database.path, migratingThrough: before)
            let orgId = try await old.organization(named: "acme", now: Fixture.t0)
            try await old.serial { db in
                try await db.raw(
                    """
                    INSERT INTO carriers (org_id, name, kind, calls_per_second, created_at)
                    VALUES (\(bind: orgId), 'Old trunk', 'sip-trunk', 3, 0)
                    """
                ).run()
            }
            try await old.close()
            let store = try await database.open()
            let carrier = try #require(try await store.carriers(orgId: orgId, afterId: nil, limit: 5).first)
            #expect(carrier.settings.kind == .sip && carrier.settings.cps == 3)
            #expect(carrier.settings.ratePerMinute == nil && carrier.settings.billingIncrementSeconds == 60)
            #expect(!carrier.hasPassword)
        }
    }
}
