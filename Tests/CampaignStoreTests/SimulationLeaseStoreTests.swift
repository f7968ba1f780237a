import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("The simulation lease of a campaign in the store")
struct SimulationLeaseStoreTests {
    static let first = SimulationHolder(host: "node-a", pid: 100, startToken: "boot1:500")
    static let second = SimulationHolder(host: "node-a", pid: 200, startToken: "boot1:900")

    @Test(arguments: StoreBackend.available)
    func oneHolderAtATimeTakenOverOnlyFromTheHolderTheCallerFoundDead(backend: StoreBackend) async throws {
        try await backend.withDatabase { database in
            let one = try await database.open()
            let two = try await database.open()
            let (_, id) = try await Fixture.campaign(in: one)
            let until = Fixture.t0.addingTimeInterval(30)
            #expect(try await one.simulationHolder(campaignId: id) == nil)
            #expect(try await one.claimSimulation(campaignId: id, holder: Self.first, until: until, replacing: nil))
            #expect(
                try await !two.claimSimulation(campaignId: id, holder: Self.second, until: until, replacing: nil),
                "a held lease is not free")
            let held = try #require(try await two.simulationHolder(campaignId: id))
            #expect(held.holder == Self.first && held.expires == until)
            #expect(
                try await !two.claimSimulation(
                    campaignId: id, holder: Self.second, until: until, replacing: Self.second),
                "replacing names a holder that does not hold it")
            #expect(try await one.renewSimulation(campaignId: id, holder: Self.first, until: until + 30))
            #expect(try await two.simulationHolder(campaignId: id)?.expires == until + 30)
            #expect(
                try await two.claimSimulation(campaignId: id, holder: Self.second, until: until, replacing: Self.first))
            #expect(
                try await !one.renewSimulation(campaignId: id, holder: Self.first, until: until + 60),
                "the old holder learns it lost the lease")
            try await one.releaseSimulation(campaignId: id, holder: Self.first)
            #expect(try await one.simulationHolder(campaignId: id)?.holder == Self.second, "only the holder releases")
            try await two.releaseSimulation(campaignId: id, holder: Self.second)
            #expect(try await one.simulationHolder(campaignId: id) == nil)
        }
    }
}
