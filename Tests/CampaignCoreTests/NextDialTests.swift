import CampaignCore
import Foundation
import Testing

@Suite("NextDial: when a campaign next has something to dial")
struct NextDialTests {
    /// Every hour of every day, so only the campaign window decides.
    static let rules: ComplianceRules = {
        let day = HoursSpan(start: LocalTime(minutes: 0)!, end: LocalTime(minutes: 1440)!)!
        let rule = ComplianceRule(
            id: "anytime", source: "tests", jurisdiction: ComplianceRules.defaultJurisdiction,
            hours: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, day) }))
        return try! ComplianceRules(version: 1, rules: [rule])
    }()
    // Tuesday 2026-03-03 12:00 UTC (07:00 in New York).
    static let tuesdayNoon = Date(timeIntervalSince1970: 1_772_539_200)

    static func keyRules(_ zone: String, window: CallingWindow) -> DialRules {
        DialRules(key: DialKey(zoneKey: zone, ruleKey: nil), window: window, rules: rules)
    }

    @Test("campaigns that wait for an operator have none")
    func waitingForSomeone() {
        let window = CallingWindow()
        for status in [CampaignStatus.draft, .paused, .completed, .cancelled] {
            #expect(
                NextDial.at(
                    status: status, startAt: nil, now: Self.tuesdayNoon,
                    dueKeys: [Self.keyRules("America/New_York", window: window)], earliestWaiting: Self.tuesdayNoon)
                    == nil)
        }
    }

    @Test("a running campaign dials when the first key with due leads opens, or when a retry falls due")
    func earliestOfKeysAndRetries() throws {
        let window = CallingWindow()
        let newYork = Self.keyRules("America/New_York", window: window)
        let opens = try #require(newYork.nextOpen(atOrAfter: Self.tuesdayNoon))
        #expect(opens > Self.tuesdayNoon)
        #expect(
            NextDial.at(
                status: .running, startAt: nil, now: Self.tuesdayNoon, dueKeys: [newYork], earliestWaiting: nil)
                == opens)
        let retry = Self.tuesdayNoon.addingTimeInterval(60)
        #expect(
            NextDial.at(
                status: .running, startAt: nil, now: Self.tuesdayNoon, dueKeys: [newYork], earliestWaiting: retry)
                == min(opens, retry))
        #expect(
            NextDial.at(status: .running, startAt: nil, now: Self.tuesdayNoon, dueKeys: [], earliestWaiting: nil)
                == nil)
    }

    @Test("a scheduled campaign dials no earlier than its start")
    func scheduledStart() {
        let window = CallingWindow()
        let start = Self.tuesdayNoon.addingTimeInterval(2 * 86_400)
        let due = NextDial.at(
            status: .scheduled, startAt: start, now: Self.tuesdayNoon,
            dueKeys: [Self.keyRules("America/New_York", window: window)], earliestWaiting: nil)
        #expect(due.map { $0 >= start } == true)
    }
}
