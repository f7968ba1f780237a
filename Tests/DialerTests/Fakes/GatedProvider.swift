import CampaignCore
import Dialer
import Foundation
import Synchronization

/// Wraps the simulator and lets a call be placed only with a permit: a runner stays blocked in `place` (until it is
/// cancelled) once the permits are used up, so a test can act while a runner is provably mid-run.
final class GatedProvider: CallScript {
    private struct Gate {
        var permits: Int
        var placed = 0
        var waiting = 0
    }

    let inner: SimulatorProvider
    private let gate: Mutex<Gate>

    init(inner: SimulatorProvider, permits: Int) {
        self.inner = inner
        gate = Mutex(Gate(permits: permits))
    }

    /// Calls handed to the simulator.
    var placed: Int { gate.withLock { $0.placed } }
    /// Calls blocked at the gate.
    var waiting: Int { gate.withLock { $0.waiting } }

    /// Grants `count` more placements.
    func allow(_ count: Int) { gate.withLock { $0.permits += count } }

    var maximumCallDuration: TimeInterval { inner.maximumCallDuration }

    func place(_ request: DialRequest) async throws -> CallResult {
        gate.withLock { $0.waiting += 1 }
        defer { gate.withLock { $0.waiting -= 1 } }
        while !takePermit() { try await Task.sleep(for: .milliseconds(2)) }
        return try await inner.place(request)
    }

    func reconcile(_ request: DialRequest) async -> CallResult? { await inner.reconcile(request) }

    private func takePermit() -> Bool {
        gate.withLock { gate in
            guard gate.permits > 0 else { return false }
            gate.permits -= 1
            gate.placed += 1
            return true
        }
    }
}
