/// Counters kept by `RTPReceiver`.
public struct RTPReceiveStatistics: Equatable, Sendable {
    /// Packets accepted (each sequence number once).
    public var accepted = 0
    /// Packets dropped as duplicates.
    public var duplicates = 0
    /// Packets dropped as older than the reorder window.
    public var late = 0
    /// Packets dropped as a sequence jump.
    public var jumps = 0
    /// Times the source restarted (a confirmed jump or a new SSRC).
    public var restarts = 0
    /// Sequence numbers between the lowest and the highest accepted that were never accepted, over every run.
    public var lost = 0
    /// Interarrival jitter (RFC 3550 §6.4.1, A.8) in timestamp units (1/8000 s for PCMU).
    public var jitter = 0.0

    /// Zero counts.
    public init() {}
}
