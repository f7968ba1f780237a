import Foundation

/// The rule's hours and blocked dates read as local wall-clock time in one zone, the way ``CallingWindow`` reads its
/// window: from the zone's UTC offsets and its transitions, so both sides of a DST change are local time, a span
/// opening inside a skipped hour opens at the first valid instant, and a repeated hour is open on both passes.
extension ComplianceRule {
    private static let day: Double = 86_400

    /// Whether the rule's hours allow a call to start at `instant` in `zone`.
    public func allowsHours(at instant: Date, in zone: TimeZone) -> Bool {
        allows(local: instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant)))
    }

    /// The earliest instant in `instant...limit` when the rule's hours allow a call in `zone`, or nil.
    public func nextAllowedHours(atOrAfter instant: Date, in zone: TimeZone, limit: Date) -> Date? {
        var from = instant
        while from <= limit {
            if allowsHours(at: from, in: zone) { return from }
            // Between two transitions the offset is fixed, so each opening of a day is one subtraction away.
            let offset = Double(zone.secondsFromGMT(for: from))
            let next = zone.nextDaylightSavingTimeTransition(after: from).map { min($0, limit) } ?? limit
            var localDay = ((from.timeIntervalSince1970 + offset) / Self.day).rounded(.down)
            while localDay * Self.day - offset < next.timeIntervalSince1970 {
                if let opening = opening(localDay: localDay) {
                    let candidate = Date(timeIntervalSince1970: opening - offset)
                    if candidate >= next { break }
                    if candidate > from, allowsHours(at: candidate, in: zone) { return candidate }
                }
                localDay += 1
            }
            guard next > from else { return nil }
            from = next
        }
        return nil
    }

    /// The local second (since 1970-01-01 local) when the rule opens on a local day, or nil when the day has no
    /// hours or is blocked.
    private func opening(localDay: Double) -> Double? {
        let dayNumber = Int(localDay)
        guard let span = spansByWeekday[Self.weekdayIndex(localDay: dayNumber)], !isBlocked(localDay: dayNumber) else {
            return nil
        }
        return localDay * Self.day + Double(span.start.minutes * 60)
    }

    /// Whether a local wall-clock reading, in seconds since 1970-01-01 00:00 local, is inside the rule's hours.
    private func allows(local: Double) -> Bool {
        let localDay = (local / Self.day).rounded(.down)
        let dayNumber = Int(localDay)
        guard let span = spansByWeekday[Self.weekdayIndex(localDay: dayNumber)] else { return false }
        let second = local - localDay * Self.day
        guard second >= Double(span.start.minutes * 60), second < Double(span.end.minutes * 60) else { return false }
        return !isBlocked(localDay: dayNumber)
    }

    private func isBlocked(localDay: Int) -> Bool {
        guard !blockedDates.isEmpty else { return false }
        let date = LocalDay(daysSinceEpoch: localDay)
        return blockedDates.contains { $0.matches(date) }
    }

    /// Monday = 0 … Sunday = 6 for a local day counted from 1970-01-01, a Thursday.
    private static func weekdayIndex(localDay: Int) -> Int {
        ((localDay % 7) + 7 + 3) % 7
    }
}

extension ComplianceRule {
    /// Whether the local day of `instant` in `zone` is one of the rule's blocked dates.
    public func blocksDate(at instant: Date, in zone: TimeZone) -> Bool {
        guard !blockedDates.isEmpty else { return false }
        let local = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
        let date = LocalDay(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
        return blockedDates.contains { $0.matches(date) }
    }
}
