import Synchronization

/// A value closures share across tasks (a local `Mutex` cannot be captured by an escaping closure).
final class SharedValue<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) { storage = Mutex(value) }

    /// The current value.
    var value: Value { storage.withLock { $0 } }

    /// Changes the value.
    func update(_ change: (inout Value) -> Void) { storage.withLock { change(&$0) } }
}
