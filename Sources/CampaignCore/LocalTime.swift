/// A wall-clock time of day, `HH:MM` on a 24-hour clock; `24:00` is allowed as the end of a day.
public struct LocalTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes since local midnight, 0...1440.
    public let minutes: Int

    /// Creates a time from minutes since midnight; nil outside 0...1440.
    public init?(minutes: Int) {
        guard (0...1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// Parses `HH:MM` (two digits each); nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let hours = Int(parts[0]), let mins = Int(parts[1]),
            (parts[0] + parts[1]).allSatisfy({ $0.isASCII && $0.isWholeNumber }),
            (0...24).contains(hours), (0...59).contains(mins), hours * 60 + mins <= 1440
        else { return nil }
        self.minutes = hours * 60 + mins
    }

    /// The hour part.
    public var hour: Int { minutes / 60 }
    /// The minute part.
    public var minute: Int { minutes % 60 }

    /// `HH:MM`.
    public var description: String {
        let hh = hour < 10 ? "0\(hour)" : "\(hour)"
        let mm = minute < 10 ? "0\(minute)" : "\(minute)"
        return "\(hh):\(mm)"
    }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutes < rhs.minutes }
}
