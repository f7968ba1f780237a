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
            let close = closes(after: instant, in: zone)
            earliest = min(earliest ?? close, close)
        }
        return earliest
    }

    private static let day: Double = 86_400

    private func isOpen(at instant: Date, in zone: TimeZone) -> Bool {
        isOpen(local: instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant)))
    }

    /// Whether a local wall-clock reading, in seconds since 1970-01-01 00:00 local, is inside the window.
    private func isOpen(local: Double) -> Bool {
        let day = (local / Self.day).rounded(.down)
        let second = local - day * Self.day
        return days.contains(Self.weekday(localDay: day)) && second >= Double(start.minutes * 60)
            && second < Double(end.minutes * 60)
    }

    /// Between two DST transitions the wall clock runs at a fixed offset, so each such stretch is searched on its
    /// own: a repeated hour (fall-back) is found on both of its passes, a skipped one (spring-forward) never.
    private func nextOpen(atOrAfter instant: Date, in zone: TimeZone) -> Date? {
        let limit = instant.addingTimeInterval(8 * Self.day)
        var from = instant
        while from < limit {
            if isOpen(at: from, in: zone) { return from }
            let offset = Double(zone.secondsFromGMT(for: from))
            let until = min(zone.nextDaylightSavingTimeTransition(after: from) ?? limit, limit)
            let day = ((from.timeIntervalSince1970 + offset) / Self.day).rounded(.down)
            var open = Date(timeIntervalSince1970: day * Self.day + Double(start.minutes * 60) - offset)
            while open < until {
                if open > from, isOpen(at: open, in: zone) { return open }
                open += Self.day
            }
            from = until
        }
        return nil
    }

    /// When the open span containing `instant` ends in one zone: the wall clock reaches `end`, the local day ends,
    /// or a DST transition jumps out of the window.
    private func closes(after instant: Date, in zone: TimeZone) -> Date {
        var offset = Double(zone.secondsFromGMT(for: instant))
        let day = ((instant.timeIntervalSince1970 + offset) / Self.day).rounded(.down)
        var from = instant
        while true {
            let close = Date(timeIntervalSince1970: day * Self.day + Double(end.minutes * 60) - offset)
            guard let transition = zone.nextDaylightSavingTimeTransition(after: from), transition <= close else {
                return close
            }
            offset = Double(zone.secondsFromGMT(for: transition))
            let local = transition.timeIntervalSince1970 + offset
            if (local / Self.day).rounded(.down) != day || !isOpen(local: local) { return transition }
            from = transition
        }
    }

    /// The weekday of a local day counted from 1970-01-01, a Thursday.
    private static func weekday(localDay: Double) -> Weekday {
        let week = Weekday.allCases
        let index = (Int(localDay) % 7 + 7 + 3) % 7
        return week[index]
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
