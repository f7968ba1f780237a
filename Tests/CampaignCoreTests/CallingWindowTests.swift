import CampaignCore
import Foundation
import Testing

private func utc(_ text: String) -> Date {
    ISOTime.parse(text)!
}

private func zone(_ identifier: String) -> TimeZone {
    TimeZone(identifier: identifier)!
}

private func span(
    _ start: String, _ end: String, days: Set<Weekday> = Set(Weekday.allCases), timezone: WindowTimeZone = .recipient
) -> CallingWindow {
    CallingWindow(
        start: LocalTime(parsing: start)!, end: LocalTime(parsing: end)!, timezone: timezone, days: days)
}

private let newYork = zone("America/New_York")
private let losAngeles = zone("America/Los_Angeles")
private let london = zone("Europe/London")
private let workweek = Set(Weekday.workweek)

private func format(_ date: Date?) -> String? {
    date.map(ISOTime.format)
}

@Suite struct CallingWindowTests {
    @Test func defaultIsNineToSixRecipientTimeOnWeekdays() {
        let window = CallingWindow()
        #expect(window.start.description == "09:00")
        #expect(window.end.description == "18:00")
        #expect(window.timezone == .recipient)
        #expect(window.days == [.mon, .tue, .wed, .thu, .fri])
    }

    @Test func recipientUsesTheContactsZonesAndANamedZoneOverridesThem() {
        let recipient = CallingWindow()
        #expect(recipient.zones(forContactZones: [newYork, losAngeles]) == [newYork, losAngeles])
        let named = span("09:00", "18:00", timezone: .named(london))
        #expect(named.zones(forContactZones: [newYork, losAngeles]) == [london])
        #expect(named.zones(forContactZones: []) == [london])
        #expect(named.timezone.name == "Europe/London")
        #expect(recipient.timezone.name == "recipient")

        // 2026-03-09 14:30Z: 10:30 in New York (EDT), 14:30 in London (GMT), 07:30 in Los Angeles (PDT).
        let instant = utc("2026-03-09T14:30:00Z")
        #expect(recipient.isOpen(at: instant, in: recipient.zones(forContactZones: [newYork])))
        #expect(!recipient.isOpen(at: instant, in: recipient.zones(forContactZones: [losAngeles])))
        #expect(named.isOpen(at: instant, in: named.zones(forContactZones: [losAngeles])))
    }

    @Test func edgesStartIsOpenEndIsClosed() {
        let window = CallingWindow()
        // Monday 2026-03-09, New York on EDT (UTC−4): 09:00 = 13:00Z, 18:00 = 22:00Z.
        #expect(!window.isOpen(at: utc("2026-03-09T12:59:59Z"), in: [newYork]))
        #expect(window.isOpen(at: utc("2026-03-09T13:00:00Z"), in: [newYork]))
        #expect(window.isOpen(at: utc("2026-03-09T21:59:59Z"), in: [newYork]))
        #expect(!window.isOpen(at: utc("2026-03-09T22:00:00Z"), in: [newYork]))
        #expect(
            format(window.nextOpen(atOrAfter: utc("2026-03-09T13:00:00Z"), in: [newYork])) == "2026-03-09T13:00:00Z")
        #expect(
            format(window.nextOpen(atOrAfter: utc("2026-03-09T12:59:59Z"), in: [newYork])) == "2026-03-09T13:00:00Z")
        #expect(
            format(window.nextOpen(atOrAfter: utc("2026-03-09T17:12:34Z"), in: [newYork])) == "2026-03-09T17:12:34Z")
        #expect(
            format(window.nextOpen(atOrAfter: utc("2026-03-09T22:00:00Z"), in: [newYork])) == "2026-03-10T13:00:00Z")
        #expect(format(window.closesAfter(utc("2026-03-09T13:00:00Z"), in: [newYork])) == "2026-03-09T22:00:00Z")
        #expect(window.closesAfter(utc("2026-03-09T22:00:00Z"), in: [newYork]) == nil)
    }

    @Test func workingDaysOnly() {
        let window = CallingWindow()
        // Saturday 2026-03-14 and Sunday 2026-03-15 at 11:00 New York.
        #expect(!window.isOpen(at: utc("2026-03-14T15:00:00Z"), in: [newYork]))
        #expect(!window.isOpen(at: utc("2026-03-15T15:00:00Z"), in: [newYork]))
        #expect(window.isOpen(at: utc("2026-03-13T15:00:00Z"), in: [newYork]))
        // Friday after close → Monday 09:00.
        #expect(
            format(window.nextOpen(atOrAfter: utc("2026-03-13T22:00:00Z"), in: [newYork])) == "2026-03-16T13:00:00Z")
        let weekend = span("10:00", "12:00", days: [.sat, .sun])
        #expect(
            format(weekend.nextOpen(atOrAfter: utc("2026-03-09T13:00:00Z"), in: [newYork])) == "2026-03-14T14:00:00Z")
        #expect(!weekend.isOpen(at: utc("2026-03-09T14:30:00Z"), in: [newYork]))
    }

    @Test func theWeekdayIsTheLocalOne() {
        // 2026-03-10T04:00Z is Tuesday in UTC and in London but still Monday 21:00 in Los Angeles.
        let mondays = span("20:00", "23:00", days: [.mon])
        #expect(mondays.isOpen(at: utc("2026-03-10T04:00:00Z"), in: [losAngeles]))
        #expect(!mondays.isOpen(at: utc("2026-03-10T04:00:00Z"), in: [london]))
    }

    @Test func anEndOf2400RunsToMidnight() {
        let late = span("22:00", "24:00", days: [.mon])
        // Monday 2026-03-09 in New York (EDT): 22:00 = 02:00Z Tuesday, midnight = 04:00Z.
        #expect(late.isOpen(at: utc("2026-03-10T03:59:59Z"), in: [newYork]))
        #expect(!late.isOpen(at: utc("2026-03-10T04:00:00Z"), in: [newYork]))
        #expect(format(late.closesAfter(utc("2026-03-10T02:30:00Z"), in: [newYork])) == "2026-03-10T04:00:00Z")
        let allDay = span("00:00", "24:00", days: [.tue])
        #expect(allDay.isOpen(at: utc("2026-03-10T04:00:00Z"), in: [newYork]))
        #expect(!allDay.isOpen(at: utc("2026-03-10T03:59:59Z"), in: [newYork]))
        #expect(
            format(allDay.nextOpen(atOrAfter: utc("2026-03-09T15:00:00Z"), in: [newYork])) == "2026-03-10T04:00:00Z")
        #expect(format(allDay.closesAfter(utc("2026-03-10T12:00:00Z"), in: [newYork])) == "2026-03-11T04:00:00Z")
    }

    @Test func springForwardInNewYorkKeepsWallClockHours() {
        let window = span("09:00", "18:00")
        // Saturday 2026-03-07 is on EST (UTC−5), Sunday 2026-03-08 on EDT (UTC−4).
        #expect(!window.isOpen(at: utc("2026-03-07T13:59:00Z"), in: [newYork]))
        #expect(window.isOpen(at: utc("2026-03-07T14:00:00Z"), in: [newYork]))
        #expect(format(window.closesAfter(utc("2026-03-07T20:00:00Z"), in: [newYork])) == "2026-03-07T23:00:00Z")
        #expect(
            format(window.nextOpen(atOrAfter: utc("2026-03-07T23:00:00Z"), in: [newYork])) == "2026-03-08T13:00:00Z")
        #expect(!window.isOpen(at: utc("2026-03-08T12:59:59Z"), in: [newYork]))
        #expect(window.isOpen(at: utc("2026-03-08T13:00:00Z"), in: [newYork]))
        #expect(format(window.closesAfter(utc("2026-03-08T13:00:00Z"), in: [newYork])) == "2026-03-08T22:00:00Z")
        #expect(!window.isOpen(at: utc("2026-03-08T22:00:00Z"), in: [newYork]))
    }

    @Test func fallBackInNewYorkKeepsWallClockHours() {
        let window = span("09:00", "18:00")
        // Saturday 2026-10-31 is on EDT (UTC−4), Sunday 2026-11-01 on EST (UTC−5).
        #expect(window.isOpen(at: utc("2026-10-31T13:00:00Z"), in: [newYork]))
        #expect(format(window.closesAfter(utc("2026-10-31T13:00:00Z"), in: [newYork])) == "2026-10-31T22:00:00Z")
        #expect(
            format(window.nextOpen(atOrAfter: utc("2026-10-31T22:00:00Z"), in: [newYork])) == "2026-11-01T14:00:00Z")
        #expect(!window.isOpen(at: utc("2026-11-01T13:30:00Z"), in: [newYork]))
        #expect(window.isOpen(at: utc("2026-11-01T14:00:00Z"), in: [newYork]))
        #expect(format(window.closesAfter(utc("2026-11-01T14:00:00Z"), in: [newYork])) == "2026-11-01T23:00:00Z")
        #expect(window.isOpen(at: utc("2026-11-01T22:59:59Z"), in: [newYork]))
    }

    @Test func londonAcrossBothChangesWithWeekdays() {
        let window = span("09:00", "18:00", days: workweek)
        // Friday 2026-03-27 on GMT; the clocks go forward on Sunday 2026-03-29; Monday on BST (UTC+1).
        #expect(window.isOpen(at: utc("2026-03-27T09:00:00Z"), in: [london]))
        #expect(!window.isOpen(at: utc("2026-03-27T08:30:00Z"), in: [london]))
        #expect(format(window.nextOpen(atOrAfter: utc("2026-03-27T18:00:00Z"), in: [london])) == "2026-03-30T08:00:00Z")
        #expect(format(window.closesAfter(utc("2026-03-30T08:00:00Z"), in: [london])) == "2026-03-30T17:00:00Z")
        // Friday 2026-10-23 on BST; back to GMT on Sunday 2026-10-25.
        #expect(window.isOpen(at: utc("2026-10-23T08:00:00Z"), in: [london]))
        #expect(format(window.nextOpen(atOrAfter: utc("2026-10-23T17:00:00Z"), in: [london])) == "2026-10-26T09:00:00Z")
        #expect(!window.isOpen(at: utc("2026-10-26T08:30:00Z"), in: [london]))
        // London's skipped hour 01:00–02:00 on 2026-03-29 never opens.
        let skipped = span("01:00", "02:00")
        #expect(
            format(skipped.nextOpen(atOrAfter: utc("2026-03-28T23:30:00Z"), in: [london])) == "2026-03-30T00:00:00Z")
    }

    @Test func aWindowInsideTheSkippedHourDoesNotOpenThatDay() {
        let skipped = span("02:00", "03:00")
        // 2026-03-08 in New York: 01:59:59 EST (06:59:59Z) is followed by 03:00 EDT (07:00Z).
        #expect(!skipped.isOpen(at: utc("2026-03-08T06:59:59Z"), in: [newYork]))
        #expect(!skipped.isOpen(at: utc("2026-03-08T07:00:00Z"), in: [newYork]))
        #expect(skipped.isOpen(at: utc("2026-03-07T07:30:00Z"), in: [newYork]))
        #expect(
            format(skipped.nextOpen(atOrAfter: utc("2026-03-08T05:00:00Z"), in: [newYork])) == "2026-03-09T06:00:00Z")

        let straddling = span("02:30", "03:30")
        #expect(
            format(straddling.nextOpen(atOrAfter: utc("2026-03-08T05:00:00Z"), in: [newYork])) == "2026-03-08T07:00:00Z"
        )
        #expect(format(straddling.closesAfter(utc("2026-03-08T07:00:00Z"), in: [newYork])) == "2026-03-08T07:30:00Z")

        let intoTheGap = span("01:00", "02:30")
        #expect(intoTheGap.isOpen(at: utc("2026-03-08T06:30:00Z"), in: [newYork]))
        #expect(format(intoTheGap.closesAfter(utc("2026-03-08T06:30:00Z"), in: [newYork])) == "2026-03-08T07:00:00Z")
    }

    @Test func theRepeatedHourOpensOnBothPasses() {
        // 2026-11-01 in New York: 01:00–02:00 EDT (05:00–06:00Z), then 01:00–02:00 EST again (06:00–07:00Z).
        let hour = span("01:00", "02:00")
        #expect(hour.isOpen(at: utc("2026-11-01T05:30:00Z"), in: [newYork]))
        #expect(hour.isOpen(at: utc("2026-11-01T06:30:00Z"), in: [newYork]))
        #expect(format(hour.closesAfter(utc("2026-11-01T05:30:00Z"), in: [newYork])) == "2026-11-01T07:00:00Z")

        let half = span("01:00", "01:30")
        #expect(!half.isOpen(at: utc("2026-11-01T05:45:00Z"), in: [newYork]))
        #expect(format(half.nextOpen(atOrAfter: utc("2026-11-01T05:45:00Z"), in: [newYork])) == "2026-11-01T06:00:00Z")
        #expect(format(half.closesAfter(utc("2026-11-01T05:10:00Z"), in: [newYork])) == "2026-11-01T05:30:00Z")
        #expect(format(half.closesAfter(utc("2026-11-01T06:10:00Z"), in: [newYork])) == "2026-11-01T06:30:00Z")

        // 01:30–03:00 is open 01:30–02:00 EDT, shut for the first half of the repeated hour, open again from 01:30 EST.
        let late = span("01:30", "03:00")
        #expect(late.isOpen(at: utc("2026-11-01T05:45:00Z"), in: [newYork]))
        #expect(!late.isOpen(at: utc("2026-11-01T06:10:00Z"), in: [newYork]))
        #expect(format(late.closesAfter(utc("2026-11-01T05:45:00Z"), in: [newYork])) == "2026-11-01T06:00:00Z")
        #expect(format(late.nextOpen(atOrAfter: utc("2026-11-01T06:10:00Z"), in: [newYork])) == "2026-11-01T06:30:00Z")
        #expect(format(late.closesAfter(utc("2026-11-01T06:30:00Z"), in: [newYork])) == "2026-11-01T08:00:00Z")

        // 00:30–01:30 reopens when the clock falls back from 02:00 EDT to 01:00 EST.
        let early = span("00:30", "01:30")
        #expect(format(early.nextOpen(atOrAfter: utc("2026-11-01T05:40:00Z"), in: [newYork])) == "2026-11-01T06:00:00Z")
    }

    @Test func clocksThatChangeAtMidnight() {
        // Havana skips from Saturday 2026-03-07 23:59:59 (UTC−5) to Sunday 01:00 (UTC−4) at 05:00Z.
        let havana = zone("America/Havana")
        #expect(havana.secondsFromGMT(for: utc("2026-03-08T04:59:59Z")) == -5 * 3600)
        #expect(havana.secondsFromGMT(for: utc("2026-03-08T05:00:00Z")) == -4 * 3600)
        let everyDay = span("00:00", "24:00")
        #expect(format(everyDay.closesAfter(utc("2026-03-08T03:00:00Z"), in: [havana])) == "2026-03-08T05:00:00Z")
        let sundays = span("00:00", "24:00", days: [.sun])
        #expect(!sundays.isOpen(at: utc("2026-03-08T04:59:59Z"), in: [havana]))
        #expect(
            format(sundays.nextOpen(atOrAfter: utc("2026-03-08T03:00:00Z"), in: [havana])) == "2026-03-08T05:00:00Z")
        let skippedMidnight = span("00:00", "01:00", days: [.sun])
        #expect(
            format(skippedMidnight.nextOpen(atOrAfter: utc("2026-03-08T03:00:00Z"), in: [havana]))
                == "2026-03-15T04:00:00Z")

        // Santiago repeats Saturday 23:00–24:00: 02:00–03:00Z on UTC−3, then 03:00–04:00Z on UTC−4.
        let santiago = zone("America/Santiago")
        #expect(santiago.secondsFromGMT(for: utc("2026-04-05T02:59:59Z")) == -3 * 3600)
        #expect(santiago.secondsFromGMT(for: utc("2026-04-05T03:00:00Z")) == -4 * 3600)
        let lateSaturday = span("23:00", "24:00", days: [.sat])
        #expect(
            format(lateSaturday.nextOpen(atOrAfter: utc("2026-04-05T01:00:00Z"), in: [santiago]))
                == "2026-04-05T02:00:00Z")
        #expect(lateSaturday.isOpen(at: utc("2026-04-05T03:30:00Z"), in: [santiago]))
        #expect(format(lateSaturday.closesAfter(utc("2026-04-05T02:30:00Z"), in: [santiago])) == "2026-04-05T04:00:00Z")
    }

    @Test func aContactInSeveralZonesIsOpenOnlyWhenAllAre() {
        let window = span("09:00", "18:00", days: workweek)
        // Wednesday 2026-06-10: New York 09:00–18:00 EDT = 13:00–22:00Z, Los Angeles PDT = 16:00–01:00Z.
        let both = [newYork, losAngeles]
        #expect(!window.isOpen(at: utc("2026-06-10T15:59:00Z"), in: both))
        #expect(window.isOpen(at: utc("2026-06-10T15:59:00Z"), in: [newYork]))
        #expect(window.isOpen(at: utc("2026-06-10T16:00:00Z"), in: both))
        #expect(window.isOpen(at: utc("2026-06-10T21:59:00Z"), in: both))
        #expect(!window.isOpen(at: utc("2026-06-10T22:00:00Z"), in: both))
        #expect(format(window.nextOpen(atOrAfter: utc("2026-06-10T13:00:00Z"), in: both)) == "2026-06-10T16:00:00Z")
        #expect(format(window.nextOpen(atOrAfter: utc("2026-06-10T22:00:00Z"), in: both)) == "2026-06-11T16:00:00Z")
        #expect(format(window.closesAfter(utc("2026-06-10T17:00:00Z"), in: both)) == "2026-06-10T22:00:00Z")
        #expect(window.closesAfter(utc("2026-06-10T15:00:00Z"), in: both) == nil)
    }

    @Test func zonesThatNeverOverlapHaveNoNextOpen() {
        // Honolulu 09:00–10:00 is 19:00–20:00Z, Tokyo 09:00–10:00 is 00:00–01:00Z.
        let window = span("09:00", "10:00")
        let zones = [zone("Pacific/Honolulu"), zone("Asia/Tokyo")]
        #expect(window.nextOpen(atOrAfter: utc("2026-06-10T00:00:00Z"), in: zones) == nil)
        #expect(window.nextOpen(atOrAfter: utc("2026-06-10T00:00:00Z"), in: zones, horizonDays: 60) == nil)
        #expect(window.nextOpen(atOrAfter: utc("2026-06-10T00:00:00Z"), in: [zones[0]]) != nil)
        #expect(window.nextOpen(atOrAfter: utc("2026-06-10T00:00:00Z"), in: [zones[1]]) != nil)
        for hour in 0..<24 {
            let instant = utc("2026-06-10T00:00:00Z").addingTimeInterval(Double(hour) * 3600 + 1800)
            #expect(!window.isOpen(at: instant, in: zones))
            #expect(window.closesAfter(instant, in: zones) == nil)
        }
        // A wider window does overlap: Honolulu Monday 14:00 is Tokyo Tuesday 09:00 (2026-06-09T00:00Z).
        let wide = span("09:00", "18:00", days: workweek)
        #expect(format(wide.nextOpen(atOrAfter: utc("2026-06-08T20:00:00Z"), in: zones)) == "2026-06-09T00:00:00Z")
    }

    @Test func impossibleWindowsHaveNoNextOpen() {
        let instant = utc("2026-06-10T12:00:00Z")
        var noDays = CallingWindow()
        noDays.days = []
        #expect(noDays.nextOpen(atOrAfter: instant, in: [newYork]) == nil)
        #expect(!noDays.isOpen(at: instant, in: [newYork]))
        let backwards = CallingWindow(start: LocalTime(minutes: 600)!, end: LocalTime(minutes: 600)!)
        #expect(backwards.nextOpen(atOrAfter: instant, in: [newYork]) == nil)
        #expect(CallingWindow().nextOpen(atOrAfter: instant, in: []) == nil)
    }

    @Test func theHorizonBoundsTheSearch() {
        let sundays = span("09:00", "10:00", days: [.sun])
        let monday = utc("2026-06-08T12:00:00Z")
        #expect(sundays.nextOpen(atOrAfter: monday, in: [newYork], horizonDays: 1) == nil)
        #expect(format(sundays.nextOpen(atOrAfter: monday, in: [newYork])) == "2026-06-14T13:00:00Z")
    }

    @Test func halfHourZones() {
        let window = span("09:00", "18:00", days: workweek)
        // Kolkata is UTC+5:30 all year, St John's UTC−2:30 in summer.
        #expect(
            format(window.nextOpen(atOrAfter: utc("2026-06-10T00:00:00Z"), in: [zone("Asia/Kolkata")]))
                == "2026-06-10T03:30:00Z")
        #expect(
            format(window.nextOpen(atOrAfter: utc("2026-06-10T00:00:00Z"), in: [zone("America/St_Johns")]))
                == "2026-06-10T11:30:00Z")
    }

    @Test(arguments: [
        ("00:00", 0), ("09:05", 545), ("23:59", 1439), ("24:00", 1440), ("12:00", 720),
    ])
    func localTimeParses(_ text: String, _ minutes: Int) throws {
        let time = try #require(LocalTime(parsing: text))
        #expect(time.minutes == minutes)
        #expect(time.description == text)
        #expect(time.hour * 60 + time.minute == minutes)
    }

    @Test(arguments: [
        "24:01", "25:00", "9:00", "09:0", "+9:00", "-0:00", "09:60", "ab:cd", "0900", "09:00:00", "", ":", "٠٩:٠٠",
        " 9:00", "09 :00", "09:-1",
    ])
    func localTimeRejects(_ text: String) {
        #expect(LocalTime(parsing: text) == nil)
    }

    @Test func localTimeMinutesBounds() {
        #expect(LocalTime(minutes: -1) == nil)
        #expect(LocalTime(minutes: 1441) == nil)
        #expect(LocalTime(minutes: 0)?.description == "00:00")
        #expect(LocalTime(minutes: 1440)?.description == "24:00")
        #expect(LocalTime(minutes: 61)!.description == "01:01")
        #expect(LocalTime(minutes: 60)! < LocalTime(minutes: 61)!)
    }

    @Test func weekdaysMapToGregorianNumbers() {
        #expect(Weekday.allCases.map(\.gregorianNumber) == [2, 3, 4, 5, 6, 7, 1])
        #expect((1...7).compactMap(Weekday.init(gregorianNumber:)) == [.sun, .mon, .tue, .wed, .thu, .fri, .sat])
        #expect(Weekday(gregorianNumber: 0) == nil)
        #expect(Weekday(gregorianNumber: 8) == nil)
    }
}
