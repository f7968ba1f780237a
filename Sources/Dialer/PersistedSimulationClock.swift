import CampaignStore
import Foundation

/// A simulation's virtual clock that saves each instant it moves to, so that a simulation killed at any moment and
/// run again resumes from the saved virtual time.
///
/// The engine only moves a virtual clock by sleeping on it, and does a tick's store writes after its sleep returns;
/// this clock saves the new instant before ``sleep(until:)`` returns, so the saved time is never behind the writes
/// of a tick (a resumed run never replays time it dialled in) nor ahead of them (it never skips time). Call
/// ``save()`` once before the engine's first write, so that the starting instant is saved too.
public struct PersistedSimulationClock: DialerClock {
    let clock: VirtualClock
    let campaignId: Int64
    let store: any SimulationClockStore

    /// Wraps `clock`, saving its instants as the virtual time of `campaignId`'s simulation in `store`.
    public init(_ clock: VirtualClock, campaignId: Int64, store: any SimulationClockStore) {
        self.clock = clock
        self.campaignId = campaignId
        self.store = store
    }

    public func now() -> Date { clock.now() }

    /// Moves the virtual clock to `instant` (never backwards) and, when it moved, saves the new instant.
    public func sleep(until instant: Date) async throws {
        let before = clock.now()
        try await clock.sleep(until: instant)
        let after = clock.now()
        if after != before { try await store.saveSimulationClock(campaignId: campaignId, now: after) }
    }

    /// Saves the current instant (the start of a run).
    public func save() async throws {
        try await store.saveSimulationClock(campaignId: campaignId, now: clock.now())
    }

    public var isVirtual: Bool { true }
}
