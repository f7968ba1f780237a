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

/// Which of a contact's numbers attempt *k* dials (SPEC §3).
public enum NumberStrategy: String, Sendable, CaseIterable {
    /// Primary, alternate 1, …, then around again.
    case rolling
    /// In order, then stay on the last number.
    case clamp
    /// Each alternate once, then back to the primary.
    case custom
    /// Breadth-first passes: every number of a contact in turn within a pass; the next pass after the delay.
    case sweep

    /// The number index attempt `attemptIndex` would dial, before skipping numbers that are stopped.
    public func numberIndex(attemptIndex: Int, numberCount: Int) -> Int {
        guard numberCount > 1 else { return 0 }
        switch self {
        case .rolling, .sweep:
            return attemptIndex % numberCount
        case .clamp:
            return min(attemptIndex, numberCount - 1)
        case .custom:
            return attemptIndex < numberCount ? attemptIndex : 0
        }
    }
}
