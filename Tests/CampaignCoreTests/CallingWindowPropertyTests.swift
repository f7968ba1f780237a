import CampaignCore
import Foundation
import Testing

/// The project's seeded generator (SplitMix64), with the draws this test needs.
private typealias SplitMix64 = SeededRandom

extension SeededRandom {
    fileprivate init(state: UInt64) { self.init(seed: state) }

    fileprivate mutating func int(_ range: ClosedRange<Int>) -> Int { integer(in: range) }

    fileprivate mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    fileprivate mutating func pick<Element>(_ items: [Element]) -> Element {
        items[integer(in: 0...(items.count - 1))]
    }
}

private let zoneNames = [
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
    "America/Anchorage", "Pacific/Honolulu", "Europe/London", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata",
    "America/St_Johns",
]

/// The 2026 clock changes of the zones above that have them, as UTC seconds, to sample instants and windows near them.
private let clockChanges: [String: [Int64]] = [
    "America/New_York": ["2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z"],
    "America/Chicago": ["2026-03-08T08:00:00Z", "2026-11-01T07:00:00Z"],
    "America/Denver": ["2026-03-08T09:00:00Z", "2026-11-01T08:00:00Z"],
    "America/Los_Angeles": ["2026-03-08T10:00:00Z", "2026-11-01T09:00:00Z"],
    "America/Anchorage": ["2026-03-08T11:00:00Z", "2026-11-01T10:00:00Z"],
    "America/St_Johns": ["2026-03-08T05:30:00Z", "2026-11-01T04:30:00Z"],
    "Europe/London": ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"],
    "Europe/Berlin": ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"],
    "Australia/Sydney": ["2026-04-04T16:00:00Z", "2026-10-03T16:00:00Z"],
].mapValues { $0.map { Int64(ISOTime.parse($0)!.timeIntervalSince1970) } }

private let year2026 = Int64(ISOTime.parse("2026-01-01T00:00:00Z")!.timeIntervalSince1970)
/// A week and a day: long enough for any set of working days.
private let horizonDays = 8

/// The oracle: reads each zone's UTC offset with `secondsFromGMT(for:)` and does the calendar arithmetic itself,
/// minute by minute.
private struct Oracle {
    let start: Int
    let end: Int
    let days: Set<Weekday>
    let zones: [TimeZone]
    private let openDays: [Bool]

    /// 2026-01-05 was a Monday; weekdays repeat every 7 days from there.
    private static let mondayDayNumber: Int64 = 20_458
    private static let week: [Weekday] = [.mon, .tue, .wed, .thu, .fri, .sat, .sun]

    init(start: Int, end: Int, days: Set<Weekday>, zones: [TimeZone]) {
        self.start = start
        self.end = end
        self.days = days
        self.zones = zones
        openDays = Self.week.map(days.contains)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    func offset(_ second: Int64, zone index: Int) -> Int64 {
        Int64(zones[index].secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second))))
    }

    /// The local day number (days since 1970-01-01 local) and minute of that day.
    func local(_ second: Int64, offset: Int64) -> (day: Int64, minute: Int) {
        let local = second + offset
        let day = Self.floorDivide(local, 86_400)
        return (day, Int((local - day * 86_400) / 60))
    }

    func isOpen(_ second: Int64, offset: Int64) -> Bool {
        let (day, minute) = local(second, offset: offset)
        return openDays[Int(((day - Self.mondayDayNumber) % 7 + 7) % 7)] && minute >= start && minute < end
    }

    func isOpen(_ second: Int64, zone index: Int) -> Bool {
        isOpen(second, offset: offset(second, zone: index))
    }

    func isOpen(_ second: Int64) -> Bool {
        zones.indices.allSatisfy { isOpen(second, zone: $0) }
    }

    /// The first minute boundary after `second`.
    static func nextMinute(after second: Int64) -> Int64 {
        (floorDivide(second, 60) + 1) * 60
    }

    /// The earliest open second at or after `second` within `limit`, stepping minute by minute. While stepping,
    /// offsets are read once per half hour of UTC: every clock change of these zones falls on a half hour
    /// (`theSampledClockChangesAreReal` checks that).
    func firstOpen(from second: Int64, through limit: Int64) -> Int64? {
        if isOpen(second) { return second }
        var halfHours = [Int64](repeating: -1, count: zones.count)
        var offsets = [Int64](repeating: 0, count: zones.count)
        var minute = Self.nextMinute(after: second)
        while minute <= limit {
            var open = true
            for index in zones.indices {
                let halfHour = Self.floorDivide(minute, 1800)
                if halfHours[index] != halfHour {
                    halfHours[index] = halfHour
                    offsets[index] = offset(halfHour * 1800, zone: index)
                }
                if !isOpen(minute, offset: offsets[index]) {
                    open = false
                    break
                }
            }
            if open { return minute }
            minute += 60
        }
        return nil
    }

    /// Where an open stretch that contains `second` ends in one zone: the window closes or the local day changes.
    func close(after second: Int64, zone index: Int) -> Int64 {
        let day = local(second, offset: offset(second, zone: index)).day
        var minute = Self.nextMinute(after: second)
        while isOpen(minute, zone: index) && local(minute, offset: offset(minute, zone: index)).day == day {
            minute += 60
        }
        return minute
    }
}

/// One random case.
private struct WindowCase: CustomStringConvertible {
    let window: CallingWindow
    let zones: [TimeZone]
    let instant: Int64

    var oracle: Oracle {
        Oracle(start: window.start.minutes, end: window.end.minutes, days: window.days, zones: zones)
    }

    var description: String {
        let days = Weekday.allCases.filter(window.days.contains).map(\.rawValue).joined(separator: ",")
        let zoneList = zones.map(\.identifier).joined(separator: "|")
        let at = ISOTime.format(Date(timeIntervalSince1970: TimeInterval(instant)))
        return "window \(window.start)–\(window.end) days [\(days)] zones \(zoneList) at \(at)"
    }

    /// A random case; `focused` puts the instant and the window edges within hours of a clock change.
    static func random(_ random: inout SplitMix64, focused: Bool = false) -> WindowCase {
        var names = zoneNames
        var zones: [TimeZone] = []
        for _ in 0..<random.pick([1, 1, 1, 1, 1, 2, 2, 2, 3, 3]) {
            let name = names.remove(at: random.int(0...(names.count - 1)))
            zones.append(TimeZone(identifier: name)!)
        }
        if focused, !zones.contains(where: { clockChanges[$0.identifier] != nil }) {
            zones[0] = TimeZone(identifier: random.pick(Array(clockChanges.keys).sorted()))!
        }
        var start: Int
        switch random.int(0...9) {
        case 0, 1: start = 0
        case 2, 3: start = random.int(0...16) * 15
        case 4: start = min(1439, random.int(0...23) * 60 + (random.chance(0.5) ? 0 : 30))
        default: start = random.int(0...1439)
        }
        var end: Int
        switch random.int(0...9) {
        case 0, 1: end = 1440
        case 2, 3: end = min(1440, start + random.int(1...120))
        case 4: end = min(1440, max(start + 1, random.int(0...(random.chance(0.5) ? 4 : 24)) * 60))
        default: end = random.int((start + 1)...1440)
        }
        var days: Set<Weekday>
        switch random.int(0...5) {
        case 0: days = Set(Weekday.workweek)
        case 1: days = Set(Weekday.allCases)
        case 2: days = [random.pick(Weekday.allCases)]
        default:
            days = Set(Weekday.allCases.filter { _ in random.chance(0.5) })
            if days.isEmpty { days = [random.pick(Weekday.allCases)] }
        }
        var instant = year2026 + Int64(random.int(0...(365 * 86_400 - 1)))
        let changing = zones.filter { clockChanges[$0.identifier] != nil }
        if !changing.isEmpty, focused || random.chance(0.6) {
            let zone = random.pick(changing)
            let change = random.pick(clockChanges[zone.identifier]!)
            let spread = focused || random.chance(0.5) ? 3 * 3600 : 36 * 3600
            instant = change + Int64(random.int(-spread...spread))
            if focused || random.chance(0.5) {
                let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(change - 1)))
                let changesAt = Int((change + Int64(offset)) % 86_400) / 60
                start = max(0, min(1439, changesAt + random.int(-8...3) * 15))
                end = min(1440, start + random.int(1...8) * 15)
            }
            if focused || random.chance(0.5) { days = Set(Weekday.allCases) }
        }
        if random.chance(0.25) { instant = instant / 60 * 60 }
        let window = CallingWindow(
            start: LocalTime(minutes: start)!, end: LocalTime(minutes: end)!, timezone: .recipient, days: days)
        return WindowCase(window: window, zones: zones, instant: instant)
    }

    /// Everything wrong with the window's answers for this case, checked against the oracle.
    func problems() -> [String] {
        var problems: [String] = []
        let oracle = self.oracle
        let date = Date(timeIntervalSince1970: TimeInterval(instant))
        let open = oracle.isOpen(instant)
        if window.isOpen(at: date, in: zones) != open {
            problems.append("isOpen says \(!open), oracle \(open)")
        }

        let limit = instant + Int64(horizonDays) * 86_400
        let expected = oracle.firstOpen(from: instant, through: limit)
        if let next = window.nextOpen(atOrAfter: date, in: zones, horizonDays: horizonDays) {
            let second = Int64(next.timeIntervalSince1970)
            if Double(second) != next.timeIntervalSince1970 {
                problems.append("nextOpen \(next.timeIntervalSince1970) is not a whole second")
            }
            if second < instant { problems.append("nextOpen \(ISOTime.format(next)) is before the instant") }
            if second != instant && second % 60 != 0 {
                problems.append("nextOpen \(ISOTime.format(next)) is neither the instant nor a minute boundary")
            }
            if !oracle.isOpen(second) { problems.append("nextOpen \(ISOTime.format(next)) is closed per oracle") }
            if second > limit { problems.append("nextOpen \(ISOTime.format(next)) is beyond the horizon") }
            if let expected, expected < second {
                let earlier = ISOTime.format(Date(timeIntervalSince1970: TimeInterval(expected)))
                problems.append("nextOpen \(ISOTime.format(next)) skips the earlier open \(earlier)")
            }
        } else if let expected {
            let missed = ISOTime.format(Date(timeIntervalSince1970: TimeInterval(expected)))
            problems.append("nextOpen is nil but the oracle opens at \(missed)")
        }

        let close = window.closesAfter(date, in: zones)
        if open {
            let expectedClose = zones.indices.map { oracle.close(after: instant, zone: $0) }.min()!
            if let close {
                if Int64(close.timeIntervalSince1970) != expectedClose
                    || Double(expectedClose) != close.timeIntervalSince1970
                {
                    let want = ISOTime.format(Date(timeIntervalSince1970: TimeInterval(expectedClose)))
                    problems.append("closesAfter \(ISOTime.format(close)), oracle \(want)")
                }
            } else {
                problems.append("closesAfter is nil while open")
            }
        } else if let close {
            problems.append("closesAfter \(ISOTime.format(close)) while closed")
        }
        return problems
    }
}

@Suite struct CallingWindowPropertyTests {
    static let seeds: [UInt64] = [
        0x0000_5EED_0000_0001, 0x0BAD_CAFE_2026_0308, 0x1234_5678_9ABC_DEF0, 0x2026_1101_0000_0042,
    ]
    static let casesPerSeed = 600

    static let focusedSeeds: [UInt64] = [0x0D57_0000_0000_0001, 0x0D57_2026_1101_0002]

    @Test(arguments: seeds)
    func windowAgreesWithAMinuteByMinuteOracle(_ seed: UInt64) {
        let failures = Self.failures(seed: seed, focused: false)
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(Self.casesPerSeed) cases failed for seed 0x\(String(seed, radix: 16))")
    }

    @Test(arguments: focusedSeeds)
    func windowAgreesWithTheOracleAroundClockChanges(_ seed: UInt64) {
        let failures = Self.failures(seed: seed, focused: true)
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(Self.casesPerSeed) cases failed for seed 0x\(String(seed, radix: 16))")
    }

    /// Runs `casesPerSeed` cases and records the first few failures, each with its seed and case number.
    static func failures(seed: UInt64, focused: Bool) -> [String] {
        var random = SplitMix64(state: seed)
        var failures: [String] = []
        for index in 0..<Self.casesPerSeed {
            let testCase = WindowCase.random(&random, focused: focused)
            let problems = testCase.problems()
            if !problems.isEmpty {
                failures.append(
                    "seed 0x\(String(seed, radix: 16)) case \(index): \(testCase): \(problems.joined(separator: "; "))")
                if failures.count <= 5 { Issue.record(Comment(rawValue: failures[failures.count - 1])) }
            }
        }
        return failures
    }

    @Test func theGeneratorIsDeterministicAndReachesTheEdges() {
        var first = SplitMix64(state: Self.seeds[0])
        var second = SplitMix64(state: Self.seeds[0])
        let one = (0..<200).map { _ in WindowCase.random(&first).description }
        let two = (0..<200).map { _ in WindowCase.random(&second).description }
        #expect(one == two)
        var random = SplitMix64(state: Self.seeds[1])
        let cases = (0..<Self.casesPerSeed).map { _ in WindowCase.random(&random) }
        #expect(cases.contains { $0.window.start.minutes == 0 })
        #expect(cases.contains { $0.window.end.minutes == 1440 })
        #expect(cases.contains { $0.zones.count == 3 })
        #expect(cases.contains { $0.window.days.count == 1 })
        let changes = clockChanges.values.flatMap { $0 }
        let nearChanges = cases.filter { testCase in changes.contains { abs($0 - testCase.instant) < 6 * 3600 } }
        #expect(nearChanges.count > Self.casesPerSeed / 5)
    }

    @Test func theSampledClockChangesAreReal() {
        #expect(Set(clockChanges.keys).isSubset(of: zoneNames))
        let from = year2026 - 86_400
        let through = year2026 + Int64(365 + 2 * horizonDays) * 86_400
        for name in zoneNames {
            let zone = TimeZone(identifier: name)!
            var seen: [Int64] = []
            var previous = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(from)))
            for minute in stride(from: from, through: through, by: 900) {
                let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(minute)))
                if offset != previous { seen.append(minute) }
                previous = offset
            }
            let listed = (clockChanges[name] ?? []).filter { $0 <= through }
            #expect(seen == listed, "\(name)")
            #expect(listed.allSatisfy { $0 % 1800 == 0 }, "\(name)")
        }
    }

    @Test func theOracleKnowsTheClockChanges() {
        let newYork = TimeZone(identifier: "America/New_York")!
        let oracle = Oracle(start: 9 * 60, end: 18 * 60, days: Set(Weekday.allCases), zones: [newYork])
        let springForward = Int64(ISOTime.parse("2026-03-08T07:00:00Z")!.timeIntervalSince1970)
        #expect(oracle.offset(springForward - 1, zone: 0) == -5 * 3600)
        #expect(oracle.offset(springForward, zone: 0) == -4 * 3600)
        #expect(oracle.local(springForward - 1, offset: oracle.offset(springForward - 1, zone: 0)).minute == 119)
        #expect(oracle.local(springForward, offset: oracle.offset(springForward, zone: 0)).minute == 180)
        let monday = Int64(ISOTime.parse("2026-03-09T13:00:00Z")!.timeIntervalSince1970)
        #expect(oracle.isOpen(monday))
        #expect(!oracle.isOpen(monday - 60))
        #expect(oracle.isOpen(monday + 9 * 3600 - 1))
        #expect(!oracle.isOpen(monday + 9 * 3600))
        let mondays = Oracle(start: 0, end: 1440, days: [.mon], zones: [newYork])
        #expect(mondays.isOpen(monday))
        #expect(!mondays.isOpen(monday + 86_400))
        #expect(!mondays.isOpen(monday - 86_400))
    }
}
