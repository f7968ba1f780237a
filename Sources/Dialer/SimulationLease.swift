import CampaignStore
import Foundation

/// Why a simulation may not run, or may not go on.
public enum SimulationLeaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another live process simulates the campaign.
    case held(campaignId: Int64, by: SimulationHolder)
    /// The lease went to another process (this one was taken for dead).
    case lost(campaignId: Int64)

    /// One line for the operator.
    public var description: String {
        switch self {
        case .held(let id, let holder):
            "campaign \(id) is already simulating in \(holder); wait for it to finish or stop it, then run again"
        case .lost(let id):
            "campaign \(id): another process took the simulation over; this one stopped"
        }
    }
}

/// The lease one process holds while it simulates a campaign, so two `simulate` runs never write one campaign's
/// calls with two clocks. A holder on this host is dead as soon as its process is gone; one on another host when
/// its lease lapses (the holder renews it every ``renewInterval`` seconds of wall time).
public struct SimulationLease: Sendable {
    /// How long a lease lasts unless renewed.
    public static let timeToLive: TimeInterval = 30
    /// How often the holder renews it.
    public static let renewInterval: TimeInterval = 10

    let store: any SimulationLeaseStore
    let campaignId: Int64
    let holder: SimulationHolder

    /// Takes the lease, from a dead holder if need be; throws ``SimulationLeaseError/held(campaignId:by:)`` while
    /// a live one has it.
    public static func acquire(
        store: any SimulationLeaseStore, campaignId: Int64, holder: SimulationHolder, now: Date,
        liveness: @Sendable (SimulationHolder) -> SimulationHolder.Liveness = { $0.liveness() }
    ) async throws -> SimulationLease {
        let current = try await store.simulationHolder(campaignId: campaignId)
        if let current, current.holder != holder {
            switch liveness(current.holder) {
            case .alive: throw SimulationLeaseError.held(campaignId: campaignId, by: current.holder)
            case .dead: break
            case .unknown:
                if current.expires >= now {
                    throw SimulationLeaseError.held(campaignId: campaignId, by: current.holder)
                }
            }
        }
        let until = now.addingTimeInterval(timeToLive)
        guard
            try await store.claimSimulation(
                campaignId: campaignId, holder: holder, until: until, replacing: current?.holder)
        else {
            let winner = try await store.simulationHolder(campaignId: campaignId)?.holder ?? holder
            throw SimulationLeaseError.held(campaignId: campaignId, by: winner)
        }
        return SimulationLease(store: store, campaignId: campaignId, holder: holder)
    }

    /// Extends the lease; throws ``SimulationLeaseError/lost(campaignId:)`` when another process has it now.
    public func renew(now: Date) async throws {
        guard
            try await store.renewSimulation(
                campaignId: campaignId, holder: holder, until: now.addingTimeInterval(Self.timeToLive))
        else { throw SimulationLeaseError.lost(campaignId: campaignId) }
    }

    /// Renews the lease on the wall clock until cancelled; throws when it was lost.
    public func keepRenewing() async throws {
        while true {
            try await Task.sleep(for: .seconds(Self.renewInterval))
            try await renew(now: Date())
        }
    }

    /// Gives the lease up.
    public func release() async throws {
        try await store.releaseSimulation(campaignId: campaignId, holder: holder)
    }

    /// Runs `body` while holding the lease and renewing it; stops `body` when the lease is lost, and releases the
    /// lease when `body` ends, whether it succeeds or throws.
    public func holding<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            let value = try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await keepRenewing()
                    return nil
                }
                defer { group.cancelAll() }
                while let next = try await group.next() {
                    if let value = next { return value }
                }
                throw SimulationLeaseError.lost(campaignId: campaignId)
            }
            try await release()
            return value
        } catch {
            try? await release()
            throw error
        }
    }
}
