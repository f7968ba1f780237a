/// How attempt *k* of a contact picks its caller ID from the number pool (SPEC §3).
public enum CallerIdStrategy: String, Sendable, CaseIterable {
    /// Spread across the pool: contacts start at different numbers and move on each attempt.
    case rotate
    /// A, B, A, B … by attempt.
    case rolling
    /// In pool order, then repeat the last.
    case clamp
    /// One number per attempt slot from `callerIdSlots`, the last slot repeating.
    case custom

    /// The caller ID for a contact's attempt.
    /// - Parameters:
    ///   - attemptIndex: 0 for the first attempt.
    ///   - contactOrdinal: the contact's position in its list (spreads `rotate`).
    public func callerId(pool: [String], slots: [String], attemptIndex: Int, contactOrdinal: Int) -> String {
        switch self {
        case .rotate:
            return pool[(contactOrdinal + attemptIndex) % pool.count]
        case .rolling:
            return pool[attemptIndex % pool.count]
        case .clamp:
            return pool[min(attemptIndex, pool.count - 1)]
        case .custom:
            return slots[min(attemptIndex, slots.count - 1)]
        }
    }
}

/// Which of a contact's numbers attempt *k* dials (SPEC §3). Attempt 1 always dials the primary (index 0);
/// attempts 2+ choose among the alternates (indices 1…). With no alternate every attempt dials the primary.
public enum NumberStrategy: String, Sendable, CaseIterable {
    /// Cycles through the alternates only: A, B, C, B, C, … (one alternate: A, B, B, …).
    case rolling
    /// Each alternate in order, then keeps the last: A, B, C, C, …
    case clamp
    /// Each alternate once, then back to the primary: A, B, C, A, A, …
    case custom
    /// Breadth-first passes: every number of a contact in turn within a pass; the next pass after the delay.
    case sweep

    /// The number index attempt `attemptIndex` (0 for the first attempt) wants, before skipping stopped numbers.
    /// For `sweep` this is the order when every attempt fails: each pass dials every number in turn.
    public func numberIndex(attemptIndex: Int, numberCount: Int) -> Int {
        guard numberCount > 1, attemptIndex > 0 else { return 0 }
        let alternates = numberCount - 1
        switch self {
        case .rolling:
            return 1 + (attemptIndex - 1) % alternates
        case .clamp:
            return min(attemptIndex, alternates)
        case .custom:
            return attemptIndex <= alternates ? attemptIndex : 0
        case .sweep:
            return attemptIndex % numberCount
        }
    }

    /// The number attempt `attemptIndex` dials when the numbers in `stopped` may not be dialled (wrong number,
    /// invalid, opted out): the strategy's own choice if it is live; else the strategy's next choice among the live
    /// numbers, that is its choices for the following attempts in order; when those only ever name stopped numbers
    /// (clamp's last alternate, custom's primary, rolling with every alternate stopped), the most recent live
    /// number the strategy chose before. Nil when every number is stopped.
    public func liveNumberIndex(attemptIndex: Int, numberCount: Int, stopped: Set<Int>) -> Int? {
        let count = max(1, numberCount)
        guard (0..<count).contains(where: { !stopped.contains($0) }) else { return nil }
        let first = max(0, attemptIndex)
        // One full cycle of choices after `first` visits every number the strategy will ever choose again.
        for attempt in first...(first + count) {
            let index = numberIndex(attemptIndex: attempt, numberCount: count)
            if !stopped.contains(index) { return index }
        }
        for attempt in stride(from: first - 1, through: 0, by: -1) {
            let index = numberIndex(attemptIndex: attempt, numberCount: count)
            if !stopped.contains(index) { return index }
        }
        return (0..<count).first { !stopped.contains($0) }
    }
}
