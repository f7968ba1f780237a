import CampaignCore
import Foundation
import Testing

@testable import ContactImport

private let shipped: ComplianceRules = {
    do {
        return try ComplianceRulesFile.loadBundled()
    } catch {
        fatalError("\(error)")
    }
}()

/// The instant a local wall-clock reading names in `zone`, by Foundation's calendar (not the code under test).
private func local(_ date: String, _ time: String, _ zone: TimeZone) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let day = date.split(separator: "-").compactMap { Int($0) }
    let clock = time.split(separator: ":").compactMap { Int($0) }
    let components = DateComponents(year: day[0], month: day[1], day: day[2], hour: clock[0], minute: clock[1])
    return calendar.date(from: components)!
}

private func weekday(_ date: String, _ zone: TimeZone) -> Weekday {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return Weekday(gregorianNumber: calendar.component(.weekday, from: local(date, "12:00", zone)))!
}

/// What each shipped rule must allow, written out here so that a changed file fails a test.
private let expectations: [(id: String, zones: [String], weekdays: (String, String), weekends: (String, String))] = [
    (
        "us-federal",
        [
            "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
            "America/Anchorage", "Pacific/Honolulu",
        ], ("08:00", "21:00"), ("08:00", "21:00")
    ),
    ("us-fl", ["America/New_York", "America/Chicago"], ("08:00", "20:00"), ("08:00", "20:00")),
    ("us-ok", ["America/Chicago"], ("08:00", "20:00"), ("08:00", "20:00")),
    ("us-md", ["America/New_York"], ("08:00", "20:00"), ("08:00", "20:00")),
    ("in-trai", ["Asia/Kolkata"], ("09:00", "21:00"), ("09:00", "21:00")),
    (
        "ca-crtc", ["America/Toronto", "America/Vancouver", "America/Halifax", "America/St_Johns"],
        ("09:00", "21:30"), ("10:00", "18:00")
    ),
    (
        "default", ["Europe/London", "Europe/Berlin", "Australia/Sydney", "Asia/Tokyo"], ("08:00", "21:00"),
        ("08:00", "21:00")
    ),
]

/// Days around the 2026 clock changes of North America (8 March, 1 November), Europe (29 March, 25 October) and
/// New South Wales (5 April, 4 October), weekdays and weekends.
private let dates = [
    "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-28", "2026-03-29", "2026-03-30", "2026-04-04", "2026-04-05",
    "2026-10-03", "2026-10-04", "2026-10-24", "2026-10-25", "2026-10-26", "2026-10-31", "2026-11-01", "2026-11-02",
]

private func minute(_ date: Date, _ delta: Int) -> Date { date.addingTimeInterval(Double(delta) * 60) }

@Suite struct ShippedComplianceRulesTests {
    @Test func theShippedFileHasTheRulesOfSPEC9() {
        #expect(shipped.version == 1)
        #expect(shipped.rules.map(\.id) == expectations.map(\.id))
        #expect(shipped.rules.allSatisfy { !$0.source.isEmpty && $0.note != nil })
        let threePerDay = [FrequencyCap(calls: 3, windowHours: 24)!]
        for rule in shipped.rules {
            #expect(rule.caps == (["us-fl", "us-ok", "us-md"].contains(rule.id) ? threePerDay : []), "\(rule.id)")
            #expect(rule.blockedDates.isEmpty, "\(rule.id): no shipped statute names holidays")
        }
    }

    /// A minute before and after each edge, on both sides of each 2026 clock change, in every zone of each rule.
    @Test(arguments: expectations.map(\.id))
    func boundariesAcrossClockChanges(id: String) throws {
        let rule = try #require(shipped.rules.first { $0.id == id })
        let expected = try #require(expectations.first { $0.id == id })
        for name in expected.zones {
            let zone = try #require(TimeZone(identifier: name))
            for date in dates {
                let weekend = [.sat, .sun].contains(weekday(date, zone))
                let (start, end) = weekend ? expected.weekends : expected.weekdays
                let opens = local(date, start, zone)
                let closes = local(date, end, zone)
                let context = "\(id) \(name) \(date)"
                #expect(!rule.allowsHours(at: minute(opens, -1), in: zone), "\(context) before \(start)")
                #expect(rule.allowsHours(at: opens, in: zone), "\(context) at \(start)")
                #expect(rule.allowsHours(at: minute(opens, 1), in: zone), "\(context) after \(start)")
                #expect(rule.allowsHours(at: minute(closes, -1), in: zone), "\(context) before \(end)")
                #expect(!rule.allowsHours(at: closes, in: zone), "\(context) at \(end)")
                #expect(!rule.allowsHours(at: minute(closes, 1), in: zone), "\(context) after \(end)")
                let check = ComplianceCheck(rules: [rule], zones: [zone])
                #expect(check.nextAllowed(atOrAfter: minute(opens, -1)) == opens, "\(context) next open")
                #expect(
                    check.block(at: closes) == ComplianceBlock(ruleId: id, reason: .hours, zone: zone), "\(context)")
            }
        }
    }

    @Test func selectsFederalAndStateRulesByJurisdiction() {
        #expect(shipped.applicable(to: ["US", "US-FL"]).map(\.id) == ["us-federal", "us-fl"])
        #expect(shipped.applicable(to: ["US", "US-OK"]).map(\.id) == ["us-federal", "us-ok"])
        #expect(shipped.applicable(to: ["US", "US-MD"]).map(\.id) == ["us-federal", "us-md"])
        #expect(shipped.applicable(to: ["US", "US-CA"]).map(\.id) == ["us-federal"])
        #expect(shipped.applicable(to: ["US", "US-PR"]).map(\.id) == ["us-federal"])
        #expect(shipped.applicable(to: ["IN"]).map(\.id) == ["in-trai"])
        #expect(shipped.applicable(to: ["CA"]).map(\.id) == ["ca-crtc"])
        #expect(shipped.applicable(to: ["GB"]).map(\.id) == ["default"])
        #expect(shipped.applicable(to: ["001"]).map(\.id) == ["default"])
    }

    /// The issue's calls: Honolulu at 04:00 and India at 05:30 are blocked; a Florida number that may be in
    /// New York or Chicago time waits for 08:00 in Chicago and stops at 20:00 in New York.
    @Test func theIssuesCallsAreBlocked() throws {
        let honolulu = try #require(TimeZone(identifier: "Pacific/Honolulu"))
        let hawaii = ComplianceCheck(rules: shipped.applicable(to: ["US", "US-HI"]), zones: [honolulu])
        #expect(hawaii.block(at: local("2026-03-10", "04:00", honolulu))?.ruleId == "us-federal")
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        let india = ComplianceCheck(rules: shipped.applicable(to: ["IN"]), zones: [kolkata])
        #expect(india.block(at: local("2026-03-10", "05:30", kolkata))?.ruleId == "in-trai")
        #expect(
            india.nextAllowed(atOrAfter: local("2026-03-10", "05:30", kolkata)) == local("2026-03-10", "09:00", kolkata)
        )
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let chicago = try #require(TimeZone(identifier: "America/Chicago"))
        let florida = ComplianceCheck(rules: shipped.applicable(to: ["US", "US-FL"]), zones: [newYork, chicago])
        #expect(
            florida.nextAllowed(atOrAfter: local("2026-11-01", "06:00", newYork))
                == local("2026-11-01", "08:00", chicago))
        #expect(florida.block(at: local("2026-11-01", "20:00", newYork))?.ruleId == "us-fl")
        #expect(florida.isAllowed(at: local("2026-11-01", "19:59", newYork)))
    }

    @Test func aReplacementFileIsReadFromAPathAndBadOnesNameTheRuleAndKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("compliance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("rules.json")
        let text =
            #"{"version": 1, "rules": [{"id": "default", "source": "house", "jurisdiction": "default", "hours": {"mon": ["10:00", "16:00"]}}]}"#
        try Data(text.utf8).write(to: good)
        let rules = try ComplianceRulesFile.load(path: good.path)
        #expect(rules.rules.map(\.id) == ["default"])
        let bad = folder.appendingPathComponent("bad.json")
        try Data(text.replacingOccurrences(of: "16:00", with: "09:00").utf8).write(to: bad)
        #expect(throws: ContactImportError.self) { try ComplianceRulesFile.load(path: bad.path) }
        do {
            _ = try ComplianceRulesFile.load(path: bad.path)
        } catch {
            #expect(
                error.description.hasSuffix("rules[0] (default): key 'hours.mon': end 09:00 must be after start 10:00"))
        }
        do {
            _ = try ComplianceRulesFile.load(path: folder.path)
            Issue.record("a folder was read")
        } catch {
            #expect(error.description.contains("not a regular file"))
        }
        do {
            _ = try ComplianceRulesFile.load(path: folder.appendingPathComponent("missing.json").path)
            Issue.record("a missing file was read")
        } catch {
            #expect(error.description.contains("missing.json"))
        }
    }
}
