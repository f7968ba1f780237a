import Foundation

/// The lease that lets one process at a time simulate a campaign. The store only compares and sets; whether a
/// holder is dead (its process gone, or its lease lapsed) is the caller's judgement.
public protocol SimulationLeaseStore: Sendable {
    /// The current holder of the campaign's simulation lease, or nil.
    func simulationHolder(campaignId: Int64) async throws -> SimulationLeaseState?
    /// Takes the lease until `until` when no one holds it (`replacing` nil), when `holder` holds it already, or when
    /// `replacing` still holds it; false when someone else holds it.
    func claimSimulation(
        campaignId: Int64, holder: SimulationHolder, until: Date, replacing: SimulationHolder?
    ) async throws -> Bool
    /// Extends the lease; false when `holder` no longer holds it.
    func renewSimulation(campaignId: Int64, holder: SimulationHolder, until: Date) async throws -> Bool
    /// Gives the lease up if `holder` holds it.
    func releaseSimulation(campaignId: Int64, holder: SimulationHolder) async throws
}
