import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Synchronization

/// Wraps the simulator and pauses the campaign once `pauseAfter` calls were placed (an operator mid-run).
final class PausingProvider: CallScript {
    let inner: SimulatorProvider
    let store: any CampaignRepository
    let pauseAfter: Int
    private let placed = Mutex(0)
    let pausedAt = Mutex<Date?>(nil)

    init(inner: SimulatorProvider, store: any CampaignRepository, pauseAfter: Int) {
        self.inner = inner
        self.store = store
        self.pauseAfter = pauseAfter
    }

    var maximumCallDuration: TimeInterval { inner.maximumCallDuration }

    func place(_ request: DialRequest) async throws -> CallResult {
        let count = placed.withLock { value in
            value += 1
            return value
        }
        if count == pauseAfter {
            _ = try await store.apply(.pause, campaignId: request.campaignId, now: request.queuedAt)
            pausedAt.withLock { $0 = request.queuedAt }
        }
        return try await inner.place(request)
    }

    func reconcile(_ request: DialRequest) async -> CallResult? { await inner.reconcile(request) }
}

/// A provider that cannot say what happened to a call it did not see end (a real carrier after a crash).
struct ForgetfulProvider: CallScript {
    let inner: SimulatorProvider
    var maximumCallDuration: TimeInterval { inner.maximumCallDuration }
    func place(_ request: DialRequest) async throws -> CallResult { try await inner.place(request) }
    func reconcile(_ request: DialRequest) async -> CallResult? { nil }
}

/// Counts how often each call id is placed, to prove no attempt is dialled twice.
final class CountingProvider: CallScript {
    let inner: SimulatorProvider
    let placements = Mutex<[Int64: Int]>([:])

    init(inner: SimulatorProvider) { self.inner = inner }

    var maximumCallDuration: TimeInterval { inner.maximumCallDuration }

    func place(_ request: DialRequest) async throws -> CallResult {
        placements.withLock { $0[request.callId, default: 0] += 1 }
        return try await inner.place(request)
    }

    func reconcile(_ request: DialRequest) async -> CallResult? { await inner.reconcile(request) }
}
