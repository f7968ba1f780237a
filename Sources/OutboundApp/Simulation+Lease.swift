import CampaignStore
import Dialer
import Foundation

extension Simulation {
    /// Runs the simulation while holding the campaign's simulation lease, so that two processes never simulate one
    /// campaign with two clocks: an unknown campaign, and a lease another live process holds, are ``AppFailure``s.
    public func runHoldingLease(from: Date, until: Date) async throws -> RunSummary {
        _ = try await CampaignLookup.campaign(campaignId, in: store)
        let lease: SimulationLease
        do {
            lease = try await SimulationLease.acquire(
                store: store, campaignId: campaignId, holder: .current(), now: Date())
        } catch let error as SimulationLeaseError {
            throw AppFailure(error.description)
        }
        do {
            return try await lease.holding { try await run(from: from, until: until) }
        } catch let error as SimulationLeaseError {
            throw AppFailure(error.description)
        }
    }
}
