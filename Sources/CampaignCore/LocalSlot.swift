import Foundation

/// An hour of a weekday on a contact's local clock: the cell of the best-times grid (SPEC §8).
public struct LocalSlot: Sendable, Hashable {
    /// The local weekday.
    public var weekday: Weekday
    /// The local hour, 0–23.
    public var hour: Int

    /// Creates a slot.
    public init(weekday: Weekday, hour: Int) {
        self.weekday = weekday
        self.hour = hour
    }

    /// The slot `instant` falls in, on the clock of `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.weekday, .hour], from: instant)
        weekday = parts.weekday.flatMap(Weekday.init(gregorianNumber:)) ?? .mon
        hour = parts.hour ?? 0
    }

    /// The ISO weekday number, 1 = Monday … 7 = Sunday (how the slot is stored).
    public var isoWeekday: Int { weekday.gregorianNumber == 1 ? 7 : weekday.gregorianNumber - 1 }

    /// The slot of an ISO weekday number and an hour, or nil when either is out of range.
    public init?(isoWeekday: Int, hour: Int) {
        guard (1...7).contains(isoWeekday), (0...23).contains(hour),
            let day = Weekday(gregorianNumber: isoWeekday == 7 ? 1 : isoWeekday + 1)
        else { return nil }
        self.init(weekday: day, hour: hour)
    }
}
