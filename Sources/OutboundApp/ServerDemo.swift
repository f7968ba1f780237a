import Foundation

/// The pieces of `outbound serve --demo` that are rules rather than set-up.
public enum ServerDemo {
    /// The virtual clock's speed of the demo server.
    public static let speed: Double = 60

    /// Where the demo server's virtual clock starts: 15:00 UTC of the latest Monday to Thursday on or before
    /// `wallNow`'s day (UTC), when the demo's eastern and central contacts are inside their 09:00–18:00 window and the
    /// quiet hours, so calls start at once, and the western zones open within the first wall minutes; Friday is
    /// skipped so the weekend does not come within the first hours.
    public static func clockStart(wallNow: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var day = calendar.startOfDay(for: wallNow)
        // Weekday numbers: 1 = Sunday … 7 = Saturday; Monday to Thursday are 2…5.
        while !(2...5).contains(calendar.component(.weekday, from: day)) {
            day = calendar.date(byAdding: .day, value: -1, to: day) ?? day.addingTimeInterval(-86_400)
        }
        return day.addingTimeInterval(15 * 3600)
    }
}
