import Dialer
import Synchronization

/// Carries the runner's stop reason out of the service group.
final class StopBox: Sendable {
    private let stored = Mutex<RunnerStop?>(nil)
    func set(_ stop: RunnerStop) { stored.withLock { $0 = stop } }
    var value: RunnerStop? { stored.withLock { $0 } }
}
