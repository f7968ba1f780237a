import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

@Suite("Creating a campaign is one transaction")
struct CreateCampaignTransactionTests {
    static func count(_ table: String, in store: SQLCampaignStore) async throws -> Int {
        try await store.serial { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self)
                ?? -1
        }
    }

    @Test(arguments: StoreBackend.available)
    func aFailureAfterTheAgentInsertLeavesNoRowBehind(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let orgId = try await store.organization(named: "acme", now: Fixture.t0)
            try await store.serial { db in
                try await db.raw(
                    """
                    CREATE TRIGGER injected_failure BEFORE INSERT ON campaigns
                    BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                    """
                ).run()
            }
            await #expect(throws: (any Error).self) {
                try await store.createCampaign(orgId: orgId, settings: Fixture.settings(), now: Fixture.t0)
            }
            #expect(try await Self.count("agents", in: store) == 0, "no orphan agent")
            #expect(try await Self.count("phone_numbers", in: store) == 0, "no orphan pool numbers")
            #expect(try await Self.count("campaigns", in: store) == 0)

            try await store.serial { db in try await db.raw("DROP TRIGGER injected_failure").run() }
            let id = try await store.createCampaign(orgId: orgId, settings: Fixture.settings(), now: Fixture.t0)
            let campaign = try #require(try await store.campaign(id: id))
            #expect(try await store.agent(id: campaign.agentId)?.profile == Fixture.settings().agent)
            #expect(try await Self.count("phone_numbers", in: store) == 2)
        }
    }
}
