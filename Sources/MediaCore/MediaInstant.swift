/// A point in time as the owner's clock reports it: a duration since an origin the owner chooses. The media state
/// machines never read a clock; they are told the instant with every input.
public struct MediaInstant: Comparable, Hashable, Sendable {
    /// Time since the owner's origin.
    public var sinceOrigin: Duration

    /// An instant at `sinceOrigin` after the owner's origin.
    public init(_ sinceOrigin: Duration) { self.sinceOrigin = sinceOrigin }

    /// The owner's origin.
    public static let zero = MediaInstant(.zero)

    /// This instant moved by `duration`.
    public func advanced(by duration: Duration) -> MediaInstant { MediaInstant(sinceOrigin + duration) }

    /// The time from `earlier` to this instant.
    public func duration(since earlier: MediaInstant) -> Duration { sinceOrigin - earlier.sinceOrigin }

    public static func < (lhs: MediaInstant, rhs: MediaInstant) -> Bool { lhs.sinceOrigin < rhs.sinceOrigin }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds &* 1000 &+ attoseconds / 1_000_000_000_000_000
    }
}
