import Foundation

/// When dialling may happen: a daily wall-clock span on working days, evaluated in a named zone or
/// in each recipient's own zone. Wall-clock means local time on both sides of a DST change.
public struct CallingWindow: Sendable, Equatable {
    /// First minute a call may start.
    public var start: LocalTime
    /// Calls start strictly before this time.
    public var end: LocalTime
    /// Which zone the window is read in.
    public var timezone: WindowTimeZone
    /// Days dialling may happen on.
    public var days: Set<Weekday>

    /// The SPEC §3 default: 09:00–18:00 recipient time, Monday to Friday.
    public init(
        start: LocalTime = LocalTime(minutes: 9 * 60)!, end: LocalTime = LocalTime(minutes: 18 * 60)!,
        timezone: WindowTimeZone = .recipient, days: Set<Weekday> = Set(Weekday.workweek)
    ) {
        self.start = start
        self.end = end
        self.timezone = timezone
        self.days = days
    }

    /// The zones the window is evaluated in for a contact whose candidate zones are `contactZones`.
    public func zones(forContactZones contactZones: [TimeZone]) -> [TimeZone] {
        switch timezone {
        case .named(let zone): return [zone]
        case .recipient: return contactZones
        }
    }

    /// Whether a call may start at `instant` in every one of `zones`.
    public func isOpen(at instant: Date, in zones: [TimeZone]) -> Bool {
        zones.allSatisfy { isOpen(at: instant, in: $0) }
    }

    /// The earliest instant at or after `instant` when the window is open in every zone,
    /// or nil when that never happens within the search horizon (no overlap, no working day).
    public func nextOpen(atOrAfter instant: Date, in zones: [TimeZone], horizonDays: Int = 15) -> Date? {
        guard !zones.isEmpty, !days.isEmpty, start < end else { return nil }
        let limit = instant.addingTimeInterval(Double(horizonDays) * 86_400)
        var candidate = instant
        while candidate <= limit {
            var moved = false
            for zone in zones where !isOpen(at: candidate, in: zone) {
                guard let next = nextOpen(atOrAfter: candidate, in: zone) else { return nil }
                candidate = next
                moved = true
            }
            if !moved { return candidate }
        }
        return nil
    }

    /// The end of the open span containing `instant` in every zone (the earliest close), or nil if closed.
    public func closesAfter(_ instant: Date, in zones: [TimeZone]) -> Date? {
        var earliest: Date?
        for zone in zones {
            guard isOpen(at: instant, in: zone) else { return nil }
            let day = calendar(zone).startOfDay(for: instant)
            let close = wallClock(day, end, zone)
            earliest = min(earliest ?? close, close)
        }
        return earliest
    }

    private func isOpen(at instant: Date, in zone: TimeZone) -> Bool {
        let cal = calendar(zone)
        let parts = cal.dateComponents([.weekday, .hour, .minute], from: instant)
        guard let weekday = parts.weekday.flatMap(Weekday.init(gregorianNumber:)), days.contains(weekday) else {
            return false
        }
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        return minute >= start.minutes && minute < end.minutes
    }

    private func nextOpen(atOrAfter instant: Date, in zone: TimeZone) -> Date? {
        let cal = calendar(zone)
        let today = cal.startOfDay(for: instant)
        for offset in 0...8 {
            guard let day = cal.date(byAdding: .day, value: offset, to: today) else { continue }
            let weekday = Weekday(gregorianNumber: cal.component(.weekday, from: day))
            guard let weekday, days.contains(weekday) else { continue }
            let open = wallClock(day, start, zone)
            let close = wallClock(day, end, zone)
            if instant < close, open < close { return max(instant, open) }
        }
        return nil
    }

    /// The instant a wall-clock time happens on a local day; a time skipped by DST maps to the next valid one.
    private func wallClock(_ day: Date, _ time: LocalTime, _ zone: TimeZone) -> Date {
        let cal = calendar(zone)
        if time.minutes == 1440 {
            return cal.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
        }
        return cal.date(
            bySettingHour: time.hour, minute: time.minute, second: 0, of: day,
            matchingPolicy: .nextTime) ?? day.addingTimeInterval(Double(time.minutes) * 60)
    }

    private func calendar(_ zone: TimeZone) -> Calendar {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        return cal
    }
}

/// The zone a calling window is read in.
public enum WindowTimeZone: Sendable, Equatable {
    /// Each contact's own local time.
    case recipient
    /// One named IANA zone for every contact.
    case named(TimeZone)

    /// `recipient` or the IANA identifier.
    public var name: String {
        switch self {
        case .recipient: "recipient"
        case .named(let zone): zone.identifier
        }
    }
}
