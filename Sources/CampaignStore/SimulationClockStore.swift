import Foundation

/// Where a simulation keeps its virtual time, so that a simulation killed at any moment resumes where it was. Only
/// the simulation reads and writes it; the dialler never does.
public protocol SimulationClockStore: Sendable {
    /// The saved virtual time of a campaign's simulation, if any.
    func simulationClock(campaignId: Int64) async throws -> Date?
    /// Saves the virtual time of a campaign's simulation.
    func saveSimulationClock(campaignId: Int64, now: Date) async throws
}
