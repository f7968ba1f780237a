import Synchronization

/// Lets a socket's read handler reach the object built after the socket is bound.
final class LateBinding<Value: AnyObject & Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)

    var value: Value? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
