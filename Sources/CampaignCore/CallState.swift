/// Where a call is on its way (SPEC §12): queued when the attempt row is written, dialling once the provider took it,
/// then ringing, answered and ended. The states only move forward; an event that would move a call back (a late
/// `ringing` after `answered`) changes nothing.
public enum CallState: String, Sendable, CaseIterable, Codable, Comparable {
    case queued
    case dialing
    case ringing
    case answered
    case ended

    /// The order of the states along a call.
    public var rank: Int {
        switch self {
        case .queued: 0
        case .dialing: 1
        case .ringing: 2
        case .answered: 3
        case .ended: 4
        }
    }

    /// Whether the call still holds its concurrency slot.
    public var isLive: Bool { self != .ended }

    public static func < (lhs: CallState, rhs: CallState) -> Bool { lhs.rank < rhs.rank }
}
