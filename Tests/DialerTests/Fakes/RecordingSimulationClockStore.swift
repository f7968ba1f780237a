import CampaignStore
import Foundation
import Synchronization

/// Keeps saved simulation clocks in memory and remembers every save, in order.
final class RecordingSimulationClockStore: SimulationClockStore {
    private let saved = Mutex<[(campaignId: Int64, now: Date)]>([])
    private let failure = Mutex<(any Error)?>(nil)

    /// Every save so far, oldest first.
    var saves: [Date] { saved.withLock { $0.map(\.now) } }

    /// Makes every later save throw `error`.
    func failSaves(with error: any Error) { failure.withLock { $0 = error } }

    func simulationClock(campaignId: Int64) async throws -> Date? {
        saved.withLock { $0.last { $0.campaignId == campaignId }?.now }
    }

    func saveSimulationClock(campaignId: Int64, now: Date) async throws {
        if let error = failure.withLock({ $0 }) { throw error }
        saved.withLock { $0.append((campaignId, now)) }
    }
}
