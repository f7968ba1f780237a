/// The transaction timer values of RFC 3261 Table 4, over UDP; tests pass a shortened table.
public struct TimerTable: Equatable, Hashable, Sendable {
    /// The round-trip estimate (500 ms).
    public var t1: Duration
    /// The longest retransmission interval of a non-INVITE request (4 s).
    public var t2: Duration
    /// The longest time a message stays in the network (5 s).
    public var t4: Duration
    /// How long a completed INVITE transaction absorbs retransmitted finals (at least 32 s over UDP).
    public var timerD: Duration

    /// A table.
    public init(t1: Duration, t2: Duration, t4: Duration, timerD: Duration) {
        self.t1 = t1
        self.t2 = t2
        self.t4 = t4
        self.timerD = timerD
    }

    /// RFC 3261's values: T1 500 ms, T2 4 s, T4 5 s, Timer D 32 s.
    public static let rfc3261 = TimerTable(
        t1: .milliseconds(500), t2: .seconds(4), t4: .seconds(5), timerD: .seconds(32))

    /// Timer A's first interval: T1, doubling on each retransmission.
    public var timerA: Duration { t1 }
    /// Timer B, the INVITE transaction timeout: 64·T1.
    public var timerB: Duration { t1 * 64 }
    /// Timer E's first interval: T1, doubling up to T2.
    public var timerE: Duration { t1 }
    /// Timer F, the non-INVITE transaction timeout: 64·T1.
    public var timerF: Duration { t1 * 64 }
    /// Timer K: T4 over UDP.
    public var timerK: Duration { t4 }
}
