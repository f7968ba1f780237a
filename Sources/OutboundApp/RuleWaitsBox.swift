import Synchronization

/// Carries the leads each compliance rule held back out of the runner's progress reports.
final class RuleWaitsBox: Sendable {
    private let stored = Mutex<[String: Int]>([:])
    func set(_ waits: [String: Int]) { stored.withLock { $0 = waits } }
    var value: [String: Int] { stored.withLock { $0 } }
}
