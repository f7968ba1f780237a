/// Which way media flows (RFC 3264 §5.1).
public enum MediaDirection: String, Equatable, Hashable, Sendable {
    /// Both ways.
    case sendrecv
    /// The far end only sends.
    case sendonly
    /// The far end only receives.
    case recvonly
    /// Neither way.
    case inactive
}
