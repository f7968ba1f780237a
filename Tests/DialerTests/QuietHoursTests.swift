import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Synchronization
import Testing

/// The rules SPEC §9 names, as the tests need them: federal hours, Florida's hours and cap, India's hours and the
/// labelled default (the shipped file says the same; this copy keeps DialerTests free of the resources module).
private let rulesText = """
    {"version": 1, "rules": [
      {"id": "us-federal", "source": "47 CFR 64.1200(c)(1)", "jurisdiction": "US", "hours": {
        "mon": ["08:00", "21:00"], "tue": ["08:00", "21:00"], "wed": ["08:00", "21:00"], "thu": ["08:00", "21:00"],
        "fri": ["08:00", "21:00"], "sat": ["08:00", "21:00"], "sun": ["08:00", "21:00"]}},
      {"id": "us-fl", "source": "Fla. Stat. 501.616(6)", "jurisdiction": "US-FL", "hours": {
        "mon": ["08:00", "20:00"], "tue": ["08:00", "20:00"], "wed": ["08:00", "20:00"], "thu": ["08:00", "20:00"],
        "fri": ["08:00", "20:00"], "sat": ["08:00", "20:00"], "sun": ["08:00", "20:00"]},
       "caps": [{"calls": 3, "windowHours": 24}]},
      {"id": "in-trai", "source": "TRAI", "jurisdiction": "IN", "hours": {
        "mon": ["09:00", "21:00"], "tue": ["09:00", "21:00"], "wed": ["09:00", "21:00"], "thu": ["09:00", "21:00"],
        "fri": ["09:00", "21:00"], "sat": ["09:00", "21:00"], "sun": ["09:00", "21:00"]}},
      {"id": "default", "source": "none", "jurisdiction": "default", "hours": {
        "mon": ["08:00", "21:00"], "tue": ["08:00", "21:00"], "wed": ["08:00", "21:00"], "thu": ["08:00", "21:00"],
        "fri": ["08:00", "21:00"], "sat": ["08:00", "21:00"], "sun": ["08:00", "21:00"]}}
    ]}
    """

private let newYork = TimeZone(identifier: "America/New_York")!

/// Minutes since local midnight in `zone` at `instant`.
private func localMinutes(_ instant: Date, _ zone: TimeZone) -> Int {
    let local = Int(instant.timeIntervalSince1970) + zone.secondsFromGMT(for: instant)
    return ((local % 86_400) + 86_400) % 86_400 / 60
}

/// A callee who never answers, so every lead is retried as often as the rules allow.
private struct NobodyAnswers: CallScript {
    var maximumCallDuration: TimeInterval { 60 }
    func place(_ request: DialRequest) async throws -> CallResult {
        CallResult(
            startedAt: request.queuedAt, answeredAt: nil, endedAt: request.queuedAt.addingTimeInterval(25),
            outcome: .noAnswer)
    }
    func reconcile(_ request: DialRequest) async -> CallResult? { nil }
}

/// A campaign's contact export rows.
private func exported(_ campaignId: Int64, _ store: SQLCampaignStore) async throws -> [ExportedContact] {
    let rows = Mutex<[ExportedContact]>([])
    try await store.exportContacts(campaignId: campaignId) { row in rows.withLock { $0.append(row) } }
    return rows.withLock { $0 }
}

@Suite("Quiet hours and frequency caps in the engine")
struct QuietHoursTests {
    let rules = try! ComplianceRules(json: Data(rulesText.utf8))

    /// The wide window of the issue: 06:00–23:30 New York time, every day.
    func wideWindow(maxAttempts: Int = 8, delayMinutes: Int = 20) -> CampaignSettings {
        Harness.settings {
            $0.window = CallingWindow(
                start: LocalTime(minutes: 6 * 60)!, end: LocalTime(minutes: 23 * 60 + 30)!, timezone: .named(newYork),
                days: Set(Weekday.allCases))
            $0.retry.maxAttempts = maxAttempts
            $0.retry.delayMinutes = delayMinutes
            $0.retry.on = ["no_answer"]
            $0.concurrency = 6
        }
    }

    func lead(_ line: Int, _ number: String, _ zone: String, _ ruleKey: String?) -> NewLead {
        NewLead(
            sourceLine: line, numbers: [number], timezones: [zone], timezoneSource: "number", variables: [:],
            ruleKey: ruleKey)
    }

    @Test func aWideWindowNeverCallsOutsideTheLegalHoursNorMoreThanTheCap() async throws {
        try await Harness.withStore { store, _ in
            let settings = wideWindow()
            let leads = [
                lead(2, "+18085550100", "Pacific/Honolulu", "US|US-HI"),
                lead(3, "+919876543210", "Asia/Kolkata", "IN"),
                lead(4, "+13055550100", "America/New_York", "US|US-FL"),
                lead(5, "+13055550101", "America/New_York", "US|US-FL"),
            ]
            let start = ISOTime.parse("2026-03-06T11:00:00Z")!  // 06:00 in New York, a Friday
            let id = try await Harness.campaign(in: store, settings: settings, leads: leads, at: start)
            _ = try await store.apply(.start, campaignId: id, now: start)
            let stop = try await Harness.runner(
                store: store, campaignId: id, clock: VirtualClock(start: start), settings: settings,
                provider: NobodyAnswers(), compliance: rules
            ).run(until: start.addingTimeInterval(4 * 86_400))
            #expect(stop == .completed)
            let calls = try await store.calls(campaignId: id)
            #expect(calls.count == 4 * 8, "every lead is dialled as often as allowed, later rather than never")
            let hours: [String: (zone: TimeZone, from: Int, until: Int)] = [
                "+18085550100": (TimeZone(identifier: "Pacific/Honolulu")!, 8 * 60, 21 * 60),
                "+919876543210": (TimeZone(identifier: "Asia/Kolkata")!, 9 * 60, 21 * 60),
                "+13055550100": (newYork, 8 * 60, 20 * 60), "+13055550101": (newYork, 8 * 60, 20 * 60),
            ]
            for call in calls {
                let legal = try #require(hours[call.to])
                let minute = localMinutes(call.queuedAt, legal.zone)
                #expect(minute >= legal.from && minute < legal.until, "\(call.to) at \(ISOTime.format(call.queuedAt))")
                if call.to.hasPrefix("+1305") {
                    let window = calls.filter {
                        $0.to == call.to && $0.queuedAt <= call.queuedAt
                            && call.queuedAt.timeIntervalSince($0.queuedAt) < 86_400
                    }
                    #expect(window.count <= 3, "Florida: at most 3 calls in 24 h to \(call.to)")
                }
            }
            let florida = calls.filter { $0.to == "+13055550100" }.sorted { $0.attempt < $1.attempt }
            #expect(
                florida[3].queuedAt == florida[0].queuedAt.addingTimeInterval(86_400),
                "the fourth call waits for the cap to free, exactly then")
        }
    }

    @Test func aCapCountsCallsFromEveryCampaignOfTheOrganisation() async throws {
        try await Harness.withStore { store, _ in
            let settings = wideWindow(maxAttempts: 3, delayMinutes: 0)
            let start = ISOTime.parse("2026-03-09T14:00:00Z")!  // 10:00 in New York
            let number = "+13055550199"
            let first = try await Harness.campaign(
                in: store, settings: settings, leads: [lead(2, number, "America/New_York", "US|US-FL")], at: start)
            _ = try await store.apply(.start, campaignId: first, now: start)
            _ = try await Harness.runner(
                store: store, campaignId: first, clock: VirtualClock(start: start), settings: settings,
                provider: NobodyAnswers(), compliance: rules
            ).run(until: start.addingTimeInterval(3600))
            let earlier = try await store.calls(campaignId: first)
            #expect(earlier.count == 3)
            let later = start.addingTimeInterval(3600)
            let second = try await Harness.campaign(
                in: store, settings: settings, leads: [lead(2, number, "America/New_York", "US|US-FL")], at: later)
            _ = try await store.apply(.start, campaignId: second, now: later)
            _ = try await Harness.runner(
                store: store, campaignId: second, clock: VirtualClock(start: later), settings: settings,
                worker: "worker-2", provider: NobodyAnswers(), compliance: rules
            ).run(until: later.addingTimeInterval(600))
            #expect(try await store.calls(campaignId: second).isEmpty, "the number had its 3 calls today")
            #expect(try await exported(second, store).map(\.blockedBy) == ["us-fl"])
            let firstCall = try #require(earlier.map(\.queuedAt).min())
            _ = try await Harness.runner(
                store: store, campaignId: second, clock: VirtualClock(start: later.addingTimeInterval(600)),
                settings: settings, worker: "worker-2", provider: NobodyAnswers(), compliance: rules
            ).run(until: firstCall.addingTimeInterval(86_400 + 60))
            let next = try #require(try await store.calls(campaignId: second).map(\.queuedAt).min())
            #expect(next == firstCall.addingTimeInterval(86_400), "dialled the moment the first call leaves the day")
        }
    }

    @Test func aWindowNoRuleEverAllowsFailsItsLeadsNamingTheRule() async throws {
        try await Harness.withStore { store, _ in
            var settings = wideWindow()
            settings.window = CallingWindow(
                start: LocalTime(minutes: 20 * 60)!, end: LocalTime(minutes: 23 * 60)!, timezone: .named(newYork),
                days: Set(Weekday.allCases))
            let start = ISOTime.parse("2026-03-09T14:00:00Z")!
            let leads = [
                lead(2, "+13055550100", "America/New_York", "US|US-FL"),
                lead(3, "+12125550100", "America/New_York", "US|US-NY"),
            ]
            let id = try await Harness.campaign(in: store, settings: settings, leads: leads, at: start)
            _ = try await store.apply(.start, campaignId: id, now: start)
            _ = try await Harness.runner(
                store: store, campaignId: id, clock: VirtualClock(start: start), settings: settings,
                provider: NobodyAnswers(), compliance: rules
            ).run(until: start.addingTimeInterval(2 * 86_400))
            let calls = try await store.calls(campaignId: id)
            #expect(!calls.isEmpty && calls.allSatisfy { $0.to == "+12125550100" }, "New York: 20:00–21:00 is legal")
            let rows = try await exported(id, store)
            #expect(rows.first?.status == "failed" && rows.first?.blockedBy == "us-fl")
            let facts = try await store.forecastFacts(campaignId: id)
            #expect(facts.neverCallable == ["compliance:us-fl": 1])
        }
    }

    @Test func rulesHoldAKeyOnlyWhileTheirHoursAreClosed() throws {
        let key = DialKey(zoneKey: "America/New_York", ruleKey: "US|US-FL")
        let window = wideWindow().window
        let dial = DialRules(key: key, window: window, rules: rules)
        let evening = ISOTime.parse("2026-03-09T23:59:00Z")!  // 19:59 in New York (EDT)
        #expect(dial.isOpen(at: evening))
        #expect(!dial.isOpen(at: evening.addingTimeInterval(60)))
        #expect(dial.heldBy(at: evening.addingTimeInterval(60))?.ruleId == "us-fl")
        #expect(dial.nextOpen(atOrAfter: evening.addingTimeInterval(60)) == ISOTime.parse("2026-03-10T12:00:00Z"))
        let unknown = DialRules(key: DialKey(parsing: "Mars/Base#US"), window: window, rules: rules)
        #expect(unknown.uncallable(from: evening) == .unknownTimezone)
    }
}
