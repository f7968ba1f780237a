/// A manual clock for action-returning state machines: it records started and cancelled timers and fires the
/// earliest one on demand, moving virtual time to its deadline. No sleeps.
struct ManualTimers<Timer: Hashable> {
    private(set) var now: Duration = .zero
    private var deadlines: [Timer: (at: Duration, order: Int)] = [:]
    private var order = 0

    var running: Set<Timer> { Set(deadlines.keys) }

    func deadline(of timer: Timer) -> Duration? { deadlines[timer]?.at }

    mutating func start(_ timer: Timer, after: Duration) {
        order += 1
        deadlines[timer] = (now + after, order)
    }

    mutating func cancel(_ timer: Timer) { deadlines[timer] = nil }

    /// Removes and returns the earliest timer due at or before `limit`, moving time to its deadline.
    mutating func fireNext(upTo limit: Duration? = nil) -> Timer? {
        guard let next = deadlines.min(by: { ($0.value.at, $0.value.order) < ($1.value.at, $1.value.order) }) else {
            if let limit { now = max(now, limit) }
            return nil
        }
        if let limit, next.value.at > limit {
            now = limit
            return nil
        }
        now = max(now, next.value.at)
        deadlines[next.key] = nil
        return next.key
    }

    mutating func advance(by duration: Duration) { now += duration }
}
