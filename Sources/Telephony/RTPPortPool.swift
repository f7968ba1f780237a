import Synchronization

/// The even ports of `--rtp-ports` (RTP takes even ports, RFC 3550 §11), handed out one per call and taken back when
/// the call ends. Ports are handed out round the range, so a port just released is the last to be reused (a late
/// packet of the old call does not reach the next one).
final class RTPPortPool: Sendable {
    private struct State {
        var free: [Int]
        var inUse: Set<Int> = []
    }

    private let state: Mutex<State>

    /// The number of even ports in the range.
    let capacity: Int

    init(range: ClosedRange<Int>) {
        let first = range.lowerBound.isMultiple(of: 2) ? range.lowerBound : range.lowerBound + 1
        let ports = Array(stride(from: max(first, 2), through: min(range.upperBound, 65_534), by: 2))
        capacity = ports.count
        state = Mutex(State(free: ports))
    }

    /// Takes the next free port; nil when every port is in use.
    func take() -> Int? {
        state.withLock { state in
            guard !state.free.isEmpty else { return nil }
            let port = state.free.removeFirst()
            state.inUse.insert(port)
            return port
        }
    }

    /// Gives a port back (a port not taken is ignored).
    func release(_ port: Int) {
        state.withLock { state in
            guard state.inUse.remove(port) != nil else { return }
            state.free.append(port)
        }
    }

    /// Ports in use now.
    var inUse: Int { state.withLock { $0.inUse.count } }
}
