import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("Store errors say what the store was doing, never the driver's text")
struct StoreErrorTextTests {
    /// Words that only SQL or the driver's messages would bring into an error.
    static let driverWords = ["SELECT", "INSERT", "UPDATE", "DELETE", "sqlite", "FOREIGN KEY", "constraint failed"]

    static func expectNoDriverText(_ error: StoreError) {
        let text = error.description
        for word in driverWords {
            #expect(!text.localizedCaseInsensitiveContains(word), "'\(word)' in: \(text)")
        }
    }

    @Test(arguments: StoreBackend.available)
    func aConstraintViolationNamesTheOperation(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let error = await #expect(throws: StoreError.self) {
                _ = try await store.createAgent(orgId: 999, profile: Fixture.settings().agent, now: Fixture.t0)
            }
            let refusal = try #require(error)
            Self.expectNoDriverText(refusal)
            #expect(refusal.description.contains("create agent"), "\(refusal)")
        }
    }

    @Test(arguments: StoreBackend.available)
    func aClosedDatabaseNamesTheOperation(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, campaignId) = try await Fixture.campaign(in: store)
            try await store.close()
            let error = await #expect(throws: StoreError.self) {
                _ = try await store.leadCounts(campaignId: campaignId)
            }
            let refusal = try #require(error)
            Self.expectNoDriverText(refusal)
            #expect(refusal.description.contains("lead counts"), "\(refusal)")
        }
    }
}
