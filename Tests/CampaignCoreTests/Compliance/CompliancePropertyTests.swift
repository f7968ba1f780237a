import CampaignCore
import Foundation
import Testing

private let zoneNames = [
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
    "America/Anchorage", "Pacific/Honolulu", "America/Toronto", "America/St_Johns", "Europe/London", "Asia/Kolkata",
    "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kathmandu",
]

/// 2026 clock changes (UTC) to put instants and rule edges near them.
private let clockChanges: [Int64] = [
    "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z", "2026-03-08T10:00:00Z", "2026-03-08T05:30:00Z",
    "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T09:00:00Z", "2026-03-29T01:00:00Z",
    "2026-10-25T01:00:00Z", "2026-04-04T16:00:00Z", "2026-10-03T16:00:00Z", "2026-04-04T15:00:00Z",
].map { Int64(ISOTime.parse($0)!.timeIntervalSince1970) }

private let year2026 = Int64(ISOTime.parse("2026-01-01T00:00:00Z")!.timeIntervalSince1970)
private let horizonDays = 4

/// The brute-force check: every zone's UTC offset from `secondsFromGMT(for:)` at each minute, its own day arithmetic
/// for weekdays, and a UTC Gregorian calendar for the dates of local days.
private struct Oracle {
    let rules: [ComplianceRule]
    let zones: [TimeZone]
    let attempts: [Int64]
    let window: CallingWindow?
    let windowZones: [TimeZone]
    private static let mondayDayNumber: Int64 = 20_458
    private static let week: [Weekday] = [.mon, .tue, .wed, .thu, .fri, .sat, .sun]
    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    /// Local day number, weekday and minute of the day in `zone`.
    private static func local(_ second: Int64, _ zone: TimeZone) -> (day: Int64, weekday: Weekday, minute: Int) {
        let local = second + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second))))
        let day = floorDivide(local, 86_400)
        let weekday = week[Int(((day - mondayDayNumber) % 7 + 7) % 7)]
        return (day, weekday, Int((local - day * 86_400) / 60))
    }

    private static func date(ofDay day: Int64) -> (year: Int, month: Int, day: Int) {
        let parts = utcCalendar.dateComponents(
            [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(day * 86_400)))
        return (parts.year!, parts.month!, parts.day!)
    }

    private static func blocks(_ blocked: BlockedDate, _ date: (year: Int, month: Int, day: Int)) -> Bool {
        switch blocked {
        case .annual(let month, let day): return date.month == month && date.day == day
        case .once(let year, let month, let day): return date.year == year && date.month == month && date.day == day
        }
    }

    func rulesAllow(_ second: Int64) -> Bool {
        for zone in zones {
            let (day, weekday, minute) = Self.local(second, zone)
            for rule in rules {
                guard let span = rule.hours[weekday], minute >= span.start.minutes, minute < span.end.minutes else {
                    return false
                }
                if !rule.blockedDates.isEmpty {
                    let date = Self.date(ofDay: day)
                    if rule.blockedDates.contains(where: { Self.blocks($0, date) }) { return false }
                }
            }
        }
        return true
    }

    func capsAllow(_ second: Int64) -> Bool {
        rules.flatMap(\.caps).allSatisfy { cap in
            attempts.filter { $0 > second - Int64(cap.windowHours) * 3600 }.count < cap.calls
        }
    }

    func windowAllows(_ second: Int64) -> Bool {
        guard let window else { return true }
        return windowZones.allSatisfy { zone in
            let (_, weekday, minute) = Self.local(second, zone)
            return window.days.contains(weekday) && minute >= window.start.minutes && minute < window.end.minutes
        }
    }

    func allows(_ second: Int64) -> Bool {
        rulesAllow(second) && capsAllow(second) && windowAllows(second)
    }

    func firstAllowed(from second: Int64, through limit: Int64) -> Int64? {
        var minute = second
        while minute <= limit {
            if allows(minute) { return minute }
            minute += 60
        }
        return nil
    }
}

private struct ComplianceCase: CustomStringConvertible {
    let rules: [ComplianceRule]
    let zones: [TimeZone]
    let attempts: [Int64]
    let window: CallingWindow?
    let instant: Int64

    var description: String {
        let ruleText = rules.map { rule in
            let hours = Weekday.allCases.map { day in
                rule.hours[day].map { "\(day.rawValue) \($0)" } ?? "\(day.rawValue) -"
            }
            let caps = rule.caps.map { "\($0.calls)/\($0.windowHours)h" }
            return "[\(hours.joined(separator: ", ")); blocked \(rule.blockedDates); caps \(caps)]"
        }
        let windowText = window.map { "\($0.start)–\($0.end) \($0.timezone.name) \($0.days.map(\.rawValue).sorted())" }
        return "rules \(ruleText.joined(separator: " ")) zones \(zones.map(\.identifier)) attempts \(attempts) "
            + "window \(windowText ?? "none") at \(ISOTime.format(Date(timeIntervalSince1970: TimeInterval(instant))))"
    }

    static func random(_ random: inout SeededRandom) -> ComplianceCase {
        func pick<T>(_ items: [T]) -> T { items[random.integer(in: 0...(items.count - 1))] }
        func span() -> HoursSpan {
            let start = random.unit() < 0.4 ? random.integer(in: 0...23) * 60 : random.integer(in: 0...1439)
            let end = random.unit() < 0.3 ? 1440 : random.integer(in: (start + 1)...min(1440, start + 14 * 60))
            return HoursSpan(start: LocalTime(minutes: start)!, end: LocalTime(minutes: end)!)!
        }
        var instant = year2026 + Int64(random.integer(in: 0...(364 * 1440))) * 60
        if random.unit() < 0.7 {
            instant = pick(clockChanges) + Int64(random.integer(in: -36 * 60...36 * 60)) * 60
        }
        var names = zoneNames
        var zones: [TimeZone] = []
        for _ in 0..<pick([1, 1, 1, 2, 2, 3]) {
            zones.append(TimeZone(identifier: names.remove(at: random.integer(in: 0...(names.count - 1))))!)
        }
        var rules: [ComplianceRule] = []
        for index in 0..<pick([1, 1, 2, 2, 3]) {
            var hours: [Weekday: HoursSpan] = [:]
            let shared = span()
            for day in Weekday.allCases where random.unit() < 0.85 {
                hours[day] = random.unit() < 0.6 ? shared : span()
            }
            var blocked: [BlockedDate] = []
            if random.unit() < 0.3 {
                let parts = Calendar(identifier: .gregorian).dateComponents(
                    in: TimeZone(identifier: "UTC")!,
                    from: Date(
                        timeIntervalSince1970: TimeInterval(instant + Int64(random.integer(in: -1...2)) * 86_400)))
                blocked.append(
                    random.unit() < 0.5
                        ? .annual(month: parts.month!, day: parts.day!)
                        : .once(year: parts.year!, month: parts.month!, day: parts.day!))
            }
            var caps: [FrequencyCap] = []
            if random.unit() < 0.3 {
                caps.append(FrequencyCap(calls: random.integer(in: 1...3), windowHours: random.integer(in: 1...30))!)
            }
            rules.append(
                ComplianceRule(
                    id: "r\(index)", source: "test", jurisdiction: "US", hours: hours, blockedDates: blocked, caps: caps
                ))
        }
        let attempts = (0..<random.integer(in: 0...4)).map { _ in
            instant - Int64(random.integer(in: 0...(40 * 60))) * 60
        }
        var window: CallingWindow?
        if random.unit() < 0.5 {
            let hours = span()
            var days = Set(Weekday.allCases.filter { _ in random.unit() < 0.7 })
            if days.isEmpty { days = [.wed] }
            let zone: WindowTimeZone = random.unit() < 0.5 ? .recipient : .named(TimeZone(identifier: pick(zoneNames))!)
            window = CallingWindow(start: hours.start, end: hours.end, timezone: zone, days: days)
        }
        return ComplianceCase(rules: rules, zones: zones, attempts: attempts, window: window, instant: instant)
    }
}

@Suite struct CompliancePropertyTests {
    @Test func nextAllowedMatchesAMinuteByMinuteSearch() {
        var found = 0
        for seed in 0..<400 {
            var random = SeededRandom(seed: 0xC0FFEE, item: Int64(seed))
            let testCase = ComplianceCase.random(&random)
            let check = ComplianceCheck(rules: testCase.rules, zones: testCase.zones)
            let windowZones = testCase.window?.zones(forContactZones: testCase.zones) ?? []
            let oracle = Oracle(
                rules: testCase.rules, zones: testCase.zones, attempts: testCase.attempts, window: testCase.window,
                windowZones: windowZones)
            let instant = Date(timeIntervalSince1970: TimeInterval(testCase.instant))
            let attempts = testCase.attempts.map { Date(timeIntervalSince1970: TimeInterval($0)) }
            let expected = oracle.firstAllowed(
                from: testCase.instant, through: testCase.instant + Int64(horizonDays) * 86_400)
            let actual = check.nextAllowed(
                atOrAfter: instant, attempts: attempts, window: testCase.window, windowZones: windowZones,
                horizonDays: horizonDays)
            #expect(
                actual.map { Int64($0.timeIntervalSince1970) } == expected,
                "seed \(seed): \(testCase) expected \(expected.map(String.init) ?? "nil")")
            let allowedNow = oracle.rulesAllow(testCase.instant) && oracle.capsAllow(testCase.instant)
            #expect(check.isAllowed(at: instant, attempts: attempts) == allowedNow, "seed \(seed): \(testCase)")
            if expected != nil { found += 1 }
        }
        // The generator must produce both outcomes often enough for the comparison to mean something.
        #expect(found > 100 && found < 390, "\(found) of 400 cases had an allowed instant")
    }
}
