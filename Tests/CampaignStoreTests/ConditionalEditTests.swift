import CampaignCore
import Foundation
import Testing

@testable import CampaignStore

/// An edit based on a version of the campaign is checked against the campaign inside the edit's own transaction, so
/// a concurrent edit that landed between the caller's read and its write is never overwritten.
@Suite("Edits conditional on the version they were based on")
struct ConditionalEditTests {
    @Test func anEditBasedOnAStaleVersionIsRefusedAndChangesNothing() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store)
            let base = try #require(try await store.campaign(id: id))
            var first = base.settings
            first.retry.maxAttempts = 5
            var second = base.settings
            second.retry.maxAttempts = 7
            let unchangedSinceBase: @Sendable (Campaign) -> Bool = { $0.settings == base.settings }
            _ = try await store.updateSettings(
                campaignId: id, settings: first, now: Fixture.t0, expecting: unchangedSinceBase)
            await #expect(throws: StoreError.changedSince(campaignId: id)) {
                _ = try await store.updateSettings(
                    campaignId: id, settings: second, now: Fixture.t0, expecting: unchangedSinceBase)
            }
            #expect(try await store.campaign(id: id)?.settings.retry.maxAttempts == 5, "the first edit stands")
        }
    }
}
