import CampaignCore
import Foundation
import Testing

private func utc(_ text: String) -> Date { ISOTime.parse(text)! }
private func zone(_ identifier: String) -> TimeZone { TimeZone(identifier: identifier)! }
private func time(_ text: String) -> LocalTime { LocalTime(parsing: text)! }
private func format(_ date: Date?) -> String? { date.map(ISOTime.format) }

private func rule(
    _ id: String, _ start: String, _ end: String, days: [Weekday] = Weekday.allCases, jurisdiction: String = "US",
    blocked: [String] = [], caps: [(Int, Int)] = []
) -> ComplianceRule {
    let span = HoursSpan(start: time(start), end: time(end))!
    return ComplianceRule(
        id: id, source: "test", jurisdiction: jurisdiction,
        hours: Dictionary(uniqueKeysWithValues: days.map { ($0, span) }),
        blockedDates: blocked.map { BlockedDate(parsing: $0)! },
        caps: caps.map { FrequencyCap(calls: $0.0, windowHours: $0.1)! })
}

private let newYork = zone("America/New_York")
private let chicago = zone("America/Chicago")
private let honolulu = zone("Pacific/Honolulu")
private let kolkata = zone("Asia/Kolkata")

@Suite struct ComplianceCheckTests {
    @Test func fourthCallWaitsUntilExactlyOneWindowAfterTheFirst() {
        let cap = FrequencyCap(calls: 3, windowHours: 24)!
        let first = utc("2026-03-10T14:00:00Z")
        let attempts = [first, utc("2026-03-10T15:00:00Z"), utc("2026-03-10T16:30:00Z")]
        let now = utc("2026-03-10T17:00:00Z")
        #expect(cap.freesAt(atOrAfter: now, attempts: Array(attempts.prefix(2))) == now)
        #expect(format(cap.freesAt(atOrAfter: now, attempts: attempts)) == "2026-03-11T14:00:00Z")
        #expect(format(cap.freesAt(atOrAfter: now, attempts: attempts.reversed())) == "2026-03-11T14:00:00Z")
        let check = ComplianceCheck(rules: [rule("us-fl", "00:00", "24:00", caps: [(3, 24)])], zones: [newYork])
        let justBefore = utc("2026-03-11T13:59:59Z")
        #expect(
            check.block(at: justBefore, attempts: attempts) == ComplianceBlock(ruleId: "us-fl", reason: .cap, zone: nil)
        )
        #expect(format(check.capBlock(at: justBefore, attempts: attempts)?.freesAt) == "2026-03-11T14:00:00Z")
        #expect(check.isAllowed(at: utc("2026-03-11T14:00:00Z"), attempts: attempts))
        #expect(format(check.nextAllowed(atOrAfter: now, attempts: attempts)) == "2026-03-11T14:00:00Z")
    }

    @Test func capSlidesWithEachAttempt() {
        let cap = FrequencyCap(calls: 3, windowHours: 24)!
        let day: TimeInterval = 86_400
        let start = utc("2026-03-10T00:00:00Z")
        var attempts: [Date] = []
        var now = start
        // Dial as early as the cap lets, with a new attempt at every free instant: each frees one window after the
        // attempt three before it.
        for _ in 0..<9 {
            now = cap.freesAt(atOrAfter: now, attempts: attempts)
            attempts.append(now)
        }
        let offsets = attempts.map { $0.timeIntervalSince(start) / day }
        #expect(offsets == [0, 0, 0, 1, 1, 1, 2, 2, 2])
        // Over the cap (attempts from before the rule existed): frees when all but calls − 1 have left the window.
        let burst = (0..<5).map { start.addingTimeInterval(Double($0) * 3600) }
        #expect(cap.freesAt(atOrAfter: start.addingTimeInterval(5 * 3600), attempts: burst) == burst[2] + day)
        // An attempt exactly one window ago no longer counts; a second earlier it still does.
        let old = [start, start + 60, start + 120]
        #expect(cap.freesAt(atOrAfter: start + day, attempts: old) == start + day)
        #expect(cap.freesAt(atOrAfter: start + day - 1, attempts: old) == start + day)
    }

    @Test func strictestWinsAcrossZonesAndJurisdictions() {
        // A number that may be in New York or Chicago, under US federal (08–21) and Florida (08–20).
        let check = ComplianceCheck(
            rules: [rule("us-federal", "08:00", "21:00"), rule("us-fl", "08:00", "20:00", jurisdiction: "US-FL")],
            zones: [newYork, chicago])
        // Tue 2026-03-10, EDT/CDT. 08:00 New York = 12:00Z; 08:00 Chicago = 13:00Z; 20:00 New York = 00:00Z.
        #expect(check.block(at: utc("2026-03-10T12:30:00Z"))?.zone == chicago)
        #expect(check.block(at: utc("2026-03-10T12:30:00Z"))?.ruleId == "us-federal")
        #expect(!check.isAllowed(at: utc("2026-03-10T12:59:00Z")))
        #expect(check.isAllowed(at: utc("2026-03-10T13:00:00Z")))
        #expect(check.isAllowed(at: utc("2026-03-10T23:59:00Z")))
        #expect(
            check.block(at: utc("2026-03-11T00:00:00Z"))
                == ComplianceBlock(ruleId: "us-fl", reason: .hours, zone: newYork))
        #expect(format(check.nextAllowed(atOrAfter: utc("2026-03-11T00:00:00Z"))) == "2026-03-11T13:00:00Z")
    }

    @Test func hoursNeverOverlapGivesNil() {
        let check = ComplianceCheck(rules: [rule("default", "09:00", "12:00")], zones: [honolulu, kolkata])
        #expect(check.nextAllowed(atOrAfter: utc("2026-03-10T00:00:00Z")) == nil)
        #expect(check.block(at: utc("2026-03-10T00:00:00Z"))?.ruleId == "default")
    }

    @Test func blockedDatesCloseTheWholeLocalDay() {
        let check = ComplianceCheck(
            rules: [rule("xx", "08:00", "21:00", blocked: ["12-25", "2026-11-26"])], zones: [newYork])
        // 2026-12-25 09:00 EST = 14:00Z: blocked; the 26th opens at 08:00 EST = 13:00Z.
        #expect(
            check.block(at: utc("2026-12-25T14:00:00Z"))
                == ComplianceBlock(ruleId: "xx", reason: .blockedDate, zone: newYork))
        #expect(format(check.nextAllowed(atOrAfter: utc("2026-12-24T23:00:00Z"))) == "2026-12-24T23:00:00Z")
        #expect(format(check.nextAllowed(atOrAfter: utc("2026-12-25T02:00:00Z"))) == "2026-12-26T13:00:00Z")
        // Thanksgiving 2026 blocked once; 2027-11-26 is not.
        #expect(!check.isAllowed(at: utc("2026-11-26T15:00:00Z")))
        #expect(check.isAllowed(at: utc("2027-11-26T15:00:00Z")))
        // After 21:00 on the 24th it is an hours block, not a date block.
        #expect(check.block(at: utc("2026-12-25T03:00:00Z"))?.reason == .hours)
    }

    @Test func missingWeekdayAllowsNoCalls() {
        let check = ComplianceCheck(rules: [rule("ca", "10:00", "18:00", days: Weekday.workweek)], zones: [newYork])
        // Saturday 2026-03-14 → Monday 2026-03-16 10:00 EDT = 14:00Z.
        #expect(format(check.nextAllowed(atOrAfter: utc("2026-03-14T15:00:00Z"))) == "2026-03-16T14:00:00Z")
    }

    @Test func springForwardOpensAtTheFirstValidInstantAndFallBackIsOpenTwice() {
        // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT at 07:00Z.
        let skipped = ComplianceCheck(rules: [rule("x", "02:30", "04:00")], zones: [newYork])
        #expect(format(skipped.nextAllowed(atOrAfter: utc("2026-03-08T06:00:00Z"))) == "2026-03-08T07:00:00Z")
        #expect(skipped.isAllowed(at: utc("2026-03-08T07:59:00Z")))
        #expect(!skipped.isAllowed(at: utc("2026-03-08T08:00:00Z")))
        // 2026-11-01: 02:00 EDT falls back to 01:00 EST at 06:00Z; 01:00–01:30 happens twice.
        let repeated = ComplianceCheck(rules: [rule("x", "01:00", "01:30")], zones: [newYork])
        #expect(repeated.isAllowed(at: utc("2026-11-01T05:10:00Z")))
        #expect(!repeated.isAllowed(at: utc("2026-11-01T05:40:00Z")))
        #expect(format(repeated.nextAllowed(atOrAfter: utc("2026-11-01T05:40:00Z"))) == "2026-11-01T06:00:00Z")
        #expect(!repeated.isAllowed(at: utc("2026-11-01T06:30:00Z")))
    }

    @Test func combinesWithTheCampaignWindow() {
        // A named window 06:00–23:30 New York every day (the campaign) and a Honolulu number (federal 08–21).
        let window = CallingWindow(
            start: time("06:00"), end: time("23:30"), timezone: .named(newYork), days: Set(Weekday.allCases))
        let check = ComplianceCheck(rules: [rule("us-federal", "08:00", "21:00")], zones: [honolulu])
        let windowZones = window.zones(forContactZones: [honolulu])
        // 04:00 Honolulu = 14:00Z (10:00 New York): window open, rule closed until 08:00 HST = 18:00Z.
        let now = utc("2026-03-10T14:00:00Z")
        #expect(window.isOpen(at: now, in: windowZones))
        #expect(check.block(at: now)?.ruleId == "us-federal")
        #expect(
            format(check.nextAllowed(atOrAfter: now, window: window, windowZones: windowZones))
                == "2026-03-10T18:00:00Z")
        // 20:59 HST = 06:59Z (02:59 New York): the rule is open, the window is not; the window opens at 10:00Z, 00:00
        // Honolulu, when the rule is closed again, so the next moment both allow is 18:00Z.
        #expect(
            format(check.nextAllowed(atOrAfter: utc("2026-03-11T06:59:00Z"), window: window, windowZones: windowZones))
                == "2026-03-11T18:00:00Z")
    }

    @Test func anHoursExemptionWaivesHoursAndDatesButNeverCaps() {
        let rules = [rule("us-fl", "08:00", "20:00", blocked: ["12-25"], caps: [(3, 24)])]
        let exempt = ComplianceCheck(rules: rules, zones: [newYork], exemptions: ComplianceExemptions(hours: true))
        let night = utc("2026-12-25T08:00:00Z")
        #expect(exempt.isAllowed(at: night))
        let attempts = [night - 3600, night - 7200, night - 10800]
        #expect(exempt.block(at: night, attempts: attempts)?.reason == .cap)
        #expect(format(exempt.nextAllowed(atOrAfter: night, attempts: attempts)) == "2026-12-26T05:00:00Z")
        #expect(!ComplianceCheck(rules: rules, zones: [newYork]).isAllowed(at: night))
    }

    @Test func withoutZonesTheHoursCannotBeReadSoNothingIsAllowed() {
        let check = ComplianceCheck(rules: [rule("x", "00:00", "24:00")], zones: [])
        #expect(!check.isAllowed(at: utc("2026-03-10T12:00:00Z")))
        #expect(check.nextAllowed(atOrAfter: utc("2026-03-10T12:00:00Z")) == nil)
        #expect(ComplianceCheck(rules: [], zones: []).isAllowed(at: utc("2026-03-10T12:00:00Z")))
    }

    @Test func applicableRulesAddTheDefaultOnlyForUncoveredCountries() throws {
        let rules = try ComplianceRules(
            version: 1,
            rules: [
                rule("us", "08:00", "21:00"), rule("us-fl", "08:00", "20:00", jurisdiction: "US-FL"),
                rule("au-nsw", "09:00", "20:00", jurisdiction: "AU-NSW"),
                rule("default", "08:00", "21:00", jurisdiction: "default"),
            ])
        #expect(rules.applicable(to: ["US", "US-FL"]).map(\.id) == ["us", "us-fl"])
        #expect(rules.applicable(to: ["US", "US-CA"]).map(\.id) == ["us"])
        #expect(rules.applicable(to: ["GB"]).map(\.id) == ["default"])
        #expect(rules.applicable(to: ["001"]).map(\.id) == ["default"])
        #expect(rules.applicable(to: []).map(\.id) == ["default"])
        #expect(rules.applicable(to: ["AU", "AU-NSW"]).map(\.id) == ["au-nsw", "default"])
        #expect(JurisdictionKey.key(["US-FL", "US", "US"]) == "US|US-FL")
        #expect(JurisdictionKey.jurisdictions(of: "US|US-FL") == ["US", "US-FL"])
    }
}
