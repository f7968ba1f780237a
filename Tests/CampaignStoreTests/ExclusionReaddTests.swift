import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("Re-adding an excluded number to an always-on campaign")
struct ExclusionReaddTests {
    static let lead = NewLead(
        sourceLine: 2, numbers: ["+12125550001", "+12125550002"], timezones: ["America/New_York"],
        timezoneSource: "column", variables: [:])

    static func running(_ store: SQLCampaignStore, sticky: Bool) async throws -> Int64 {
        let settings = Fixture.settings {
            $0.stickyExclusion = sticky
            $0.mode = .alwaysOn
        }
        let (_, id) = try await Fixture.campaign(in: store, settings: settings, leads: [Self.lead])
        _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
        #expect(try await store.exclude(campaignId: id, e164: "+12125550001", now: Fixture.t0) == 1)
        return id
    }

    static func dialled(_ store: SQLCampaignStore, _ id: Int64) async throws -> [String] {
        let campaign = try #require(try await store.campaign(id: id))
        return try await store.lease(
            LeaseRequest(
                campaign: campaign, owner: "w", now: Fixture.t0, limit: 5, openZoneKeys: nil, leaseDuration: 60)
        ).attempts.map(\.to)
    }

    @Test(arguments: StoreBackend.available, [false, true])
    func theContactIsDialableAgainUnlessExclusionIsSticky(backend: StoreBackend, sticky: Bool) async throws {
        try await backend.withStore { store in
            let id = try await Self.running(store, sticky: sticky)
            let (totals, _) = try await ImportStoreTests.importing(
                [ImportStoreTests.contact(2, ["+12125550001"])], into: id, mode: .append, store: store)
            #expect(totals.duplicates == 1, "merged into the contact that has the number")
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.excluded == (sticky ? 1 : 0) && counts.pending == (sticky ? 0 : 1), "\(counts)")
            #expect(try await Self.dialled(store, id) == (sticky ? [] : ["+12125550001"]))
        }
    }

    @Test(arguments: StoreBackend.available, [false, true])
    func anExcludedNumberReaddedAsAnAlternateCountsToo(backend: StoreBackend, sticky: Bool) async throws {
        try await backend.withStore { store in
            let id = try await Self.running(store, sticky: sticky)
            let (totals, _) = try await ImportStoreTests.importing(
                [ImportStoreTests.contact(2, ["+13125550009", "+12125550002"])], into: id, mode: .append,
                store: store)
            #expect(totals.imported == 1 && totals.excluded == 0)
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.excluded == (sticky ? 1 : 0), "\(counts)")
            #expect(try await Self.dialled(store, id).count == (sticky ? 1 : 2))
        }
    }
}
