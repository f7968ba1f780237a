import CampaignCore
import Foundation
import Testing

/// Days in a month counted the long way: 31 unless one of the four 30-day months, February by the Gregorian rule.
private func daysIn(month: Int, year: Int) -> Int {
    if month == 2 {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return leap ? 29 : 28
    }
    return [4, 6, 9, 11].contains(month) ? 30 : 31
}

/// Seconds since 1970 by counting whole days year by year and month by month (no calendar library).
private func unixSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int {
    var days = 0
    if year >= 1970 {
        for y in 1970..<year { days += daysIn(month: 2, year: y) == 29 ? 366 : 365 }
    } else {
        for y in year..<1970 { days -= daysIn(month: 2, year: y) == 29 ? 366 : 365 }
    }
    for m in 1..<month { days += daysIn(month: m, year: year) }
    days += day - 1
    return ((days * 24 + hour) * 60 + minute) * 60 + second
}

private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

@Suite struct ISOTimeStrictTests {
    @Test(arguments: [
        "2026-02-30T10:00:00Z", "2025-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-06-31T00:00:00Z", "2026-09-31T00:00:00Z", "2026-11-31T00:00:00Z", "2026-01-32T00:00:00Z",
        "2026-00-10T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-00T00:00:00Z", "2026-03-09T24:00:00Z",
        "2026-03-09T23:60:00Z", "2026-03-09T23:59:60Z", "2026-03-09T14:00:00+24:00", "2026-03-09T14:00:00+05:60",
        "2026-3-9T14:00:00Z", "02026-03-09T14:00:00Z", "2026-03-09T14:00Z", "2026-03-09 14:00:00Z",
        "2026-03-09T14:00:00", "2026-03-09T14:00:00.Z", "2026-03-09T14:00:00,5Z", "+2026-03-09T14:00:00Z",
        "2026-03-09T14:00:00Z ", " 2026-03-09T14:00:00Z", "2026-03-09T14:00:00+0400", "2026-03-09T14:00:00Z\u{0}",
        "２０２６-03-09T14:00:00Z", "2026-03-09T14:00:00+05", "",
    ])
    func impossibleOrMalformedInstantsAreRefused(_ text: String) {
        #expect(ISOTime.parse(text) == nil, "\(text.debugDescription)")
    }

    @Test func leapDaysAndMonthEndsThatExistAreAccepted() throws {
        for text in [
            "2024-02-29T00:00:00Z", "2000-02-29T12:00:00Z", "2026-01-31T23:59:59Z", "2026-04-30T00:00:00Z",
            "2026-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
        ] {
            let date = try #require(ISOTime.parse(text), "\(text)")
            #expect(ISOTime.format(date) == text)
        }
        #expect(ISOTime.parse("2026-03-09T14:00:00.250Z")?.timeIntervalSince1970 == 1_773_064_800.25)
        #expect(ISOTime.parse("2026-11-01T01:30:00-04:00").map(ISOTime.format) == "2026-11-01T05:30:00Z")
        #expect(ISOTime.parse("2026-03-09T14:00:00-00:00").map(ISOTime.format) == "2026-03-09T14:00:00Z")
    }

    /// Random date-times, many of them impossible (day up to 31 in every month, hour up to 24, minute and second
    /// up to 60): the parser accepts exactly the ones the day count says exist, at the instant it computes.
    @Test(arguments: 0..<8)
    func agreesWithAnIndependentDayCount(_ seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) &* 7919 &+ 1)
        var mismatches: [String] = []
        for _ in 0..<2_000 {
            let year = random.integer(in: 1900...2400)
            let month = random.integer(in: 0...13)
            let day = random.integer(in: 0...31)
            let hour = random.integer(in: 0...24)
            let minute = random.integer(in: 0...60)
            let second = random.integer(in: 0...60)
            let offsetMinutes = random.integer(in: -14 * 60...14 * 60)
            let sign = offsetMinutes < 0 ? "-" : "+"
            let zone =
                random.integer(in: 0...1) == 0
                ? "Z" : "\(sign)\(twoDigits(abs(offsetMinutes) / 60)):\(twoDigits(abs(offsetMinutes) % 60))"
            let text =
                "\(year)-\(twoDigits(month))-\(twoDigits(day))T\(twoDigits(hour)):\(twoDigits(minute)):\(twoDigits(second))\(zone)"
            let exists =
                (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year) && hour < 24
                && minute < 60 && second < 60
            let parsed = ISOTime.parse(text)
            guard exists else {
                if parsed != nil { mismatches.append("accepted \(text)") }
                continue
            }
            let offset = zone == "Z" ? 0 : offsetMinutes * 60
            let expected =
                unixSeconds(
                    year: year, month: month, day: day, hour: hour, minute: minute, second: second) - offset
            if parsed?.timeIntervalSince1970 != Double(expected) {
                mismatches.append("\(text) → \(String(describing: parsed))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
