import CampaignCore
import Foundation
import Testing

private let everyDay =
    #"{"mon": ["08:00", "21:00"], "tue": ["08:00", "21:00"], "wed": ["08:00", "21:00"], "thu": ["08:00", "21:00"], "fri": ["08:00", "21:00"], "sat": ["08:00", "21:00"], "sun": ["08:00", "21:00"]}"#

private let defaultRule = #"{"id": "default", "source": "none", "jurisdiction": "default", "hours": \#(everyDay)}"#

/// A document with `rule` before the default rule (so `rule` is `rules[0]`).
private func document(_ rule: String, version: String = "1", extra: String = "") -> Data {
    Data(#"{"version": \#(version), \#(extra)"rules": [\#(rule), \#(defaultRule)]}"#.utf8)
}

private func rule(_ fields: String) -> String {
    let base = #"{"id": "us-fl", "source": "Fla. Stat. 501.616(6)", "jurisdiction": "US-FL""#
    return fields.isEmpty ? base + "}" : base + ", " + fields + "}"
}

@Suite struct ComplianceRulesParsingTests {
    @Test func parsesHoursDatesCapsAndNotes() throws {
        let text = rule(
            #""hours": {"mon": ["08:00", "20:00"], "sat": ["10:00", "24:00"]}, "blockedDates": ["12-25", "2026-11-26"], "caps": [{"calls": 3, "windowHours": 24}], "note": "checked""#
        )
        let rules = try ComplianceRules(json: document(text, extra: #""description": "test", "#))
        #expect(rules.version == 1)
        #expect(rules.rules.map(\.id) == ["us-fl", "default"])
        let florida = rules.rules[0]
        #expect(florida.hours[.mon]?.description == "08:00–20:00")
        #expect(florida.hours[.sat]?.end.minutes == 1440)
        #expect(florida.hours[.sun] == nil)
        #expect(florida.blockedDates == [.annual(month: 12, day: 25), .once(year: 2026, month: 11, day: 26)])
        #expect(florida.caps == [FrequencyCap(calls: 3, windowHours: 24)!])
        #expect(florida.note == "checked")
        #expect(rules.defaultRule?.id == "default")
    }

    @Test(arguments: [
        (document(rule(#""hours": {}, "colour": "red""#)), "rules[0] (us-fl): key 'colour': unknown key"),
        (document(rule(#""hours": {"mon": ["8:00", "20:00"]}"#)), "rules[0] (us-fl): key 'hours.mon': must be"),
        (document(rule(#""hours": {"mon": ["08:00", "25:00"]}"#)), "rules[0] (us-fl): key 'hours.mon': must be"),
        (document(rule(#""hours": {"mon": ["08:00"]}"#)), "rules[0] (us-fl): key 'hours.mon': must be"),
        (document(rule(#""hours": {"mon": "08:00-20:00"}"#)), "rules[0] (us-fl): key 'hours.mon': must be an array"),
        (
            document(rule(#""hours": {"mon": ["20:00", "20:00"]}"#)),
            "rules[0] (us-fl): key 'hours.mon': end 20:00 must be after start 20:00"
        ),
        (
            document(rule(#""hours": {"mon": ["21:00", "08:00"]}"#)),
            "rules[0] (us-fl): key 'hours.mon': end 08:00 must be after start 21:00"
        ),
        (document(rule(#""hours": {"monday": ["08:00", "20:00"]}"#)), "key 'hours.monday': unknown weekday"),
        (document(rule(#""hours": {}, "blockedDates": ["02-30"]"#)), "key 'blockedDates[0]': '02-30' is not a date"),
        (document(rule(#""hours": {}, "blockedDates": ["12-25", "2026-13-01"]"#)), "key 'blockedDates[1]'"),
        (document(rule(#""hours": {}, "blockedDates": ["2026-02-29"]"#)), "key 'blockedDates[0]'"),
        (document(rule(#""hours": {}, "blockedDates": ["2026-1-01"]"#)), "key 'blockedDates[0]'"),
        (document(rule(#""hours": {}, "caps": [{"calls": 0, "windowHours": 24}]"#)), "key 'caps[0].calls'"),
        (document(rule(#""hours": {}, "caps": [{"calls": 3, "windowHours": -1}]"#)), "key 'caps[0].windowHours'"),
        (document(rule(#""hours": {}, "caps": [{"calls": 2.5, "windowHours": 24}]"#)), "key 'caps[0].calls'"),
        (document(rule(#""hours": {}, "caps": [{"calls": 3}]"#)), "key 'caps[0]': needs calls and windowHours"),
        (document(rule(#""hours": {}, "caps": [{"calls": 3, "windowHours": 24, "per": "day"}]"#)), "'caps[0].per'"),
        (document(rule(#""hours": {}, "caps": {"calls": 3}"#)), "key 'caps': must be an array"),
        (document(rule("")), "rules[0] (us-fl): key 'hours': is required"),
        (
            document(#"{"source": "x", "jurisdiction": "US", "hours": {}}"#),
            "rules[0]: key 'id': is required"
        ),
        (document(#"{"id": "a b", "source": "x", "jurisdiction": "US", "hours": {}}"#), "rules[0] (a b): key 'id'"),
        (document(#"{"id": "x", "jurisdiction": "US", "hours": {}}"#), "rules[0] (x): key 'source': is required"),
        (document(#"{"id": "x", "source": "s", "jurisdiction": "usa", "hours": {}}"#), "(x): key 'jurisdiction'"),
        (document(#"{"id": "x", "source": "s", "jurisdiction": "US-FLOR", "hours": {}}"#), "key 'jurisdiction'"),
        (document(#"{"id": "x", "source": "s", "jurisdiction": "default", "hours": {}}"#), "rules[1] (default)"),
        (document(#"{"id": "default", "source": "s", "jurisdiction": "US", "hours": {}}"#), "rules[1] (default)"),
        (document(#""not a rule""#), "rules[0]: must be an object"),
        (document(rule(#""hours": {}"#), version: "2"), "key 'version': 2 is newer than this build reads (1)"),
        (document(rule(#""hours": {}"#), version: "0"), "key 'version': must be a whole number"),
        (document(rule(#""hours": {}"#), extra: #""author": "me", "#), "compliance rules: key 'author': unknown key"),
        (Data(#"{"rules": []}"#.utf8), "key 'version': is required"),
        (Data(#"{"version": 1, "rules": []}"#.utf8), "key 'rules': must not be empty"),
        (Data(#"{"version": 1}"#.utf8), "key 'rules': must be an array"),
        (Data(#"{"version": 1, "rules": [\#(rule(#""hours": {}"#))]}"#.utf8), "no rule has jurisdiction 'default'"),
        (Data("version: 1".utf8), "compliance rules: not valid JSON"),
    ])
    func rejectsBadFilesNamingRuleAndKey(json: Data, expected: String) {
        do {
            _ = try ComplianceRules(json: json)
            Issue.record("accepted, expected: \(expected)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func jurisdictionShapes() {
        #expect(ComplianceRules.isValidJurisdiction("US"))
        #expect(ComplianceRules.isValidJurisdiction("US-FL"))
        #expect(ComplianceRules.isValidJurisdiction("GB-ENG"))
        #expect(ComplianceRules.isValidJurisdiction("default"))
        #expect(!ComplianceRules.isValidJurisdiction("us"))
        #expect(!ComplianceRules.isValidJurisdiction("USA"))
        #expect(!ComplianceRules.isValidJurisdiction("US-"))
        #expect(!ComplianceRules.isValidJurisdiction("US-FL-X"))
        #expect(ComplianceRules.country(of: "US-FL") == "US")
    }
}
