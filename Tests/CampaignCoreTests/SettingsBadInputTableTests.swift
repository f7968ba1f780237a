import CampaignCore
import Foundation
import Testing

/// A valid settings document with every key of SPEC §10 plus `customDispositions` and `defaultTimezone`, as leaf
/// key paths and their JSON text, so that one row can replace one key with a bad value written as raw JSON text
/// (`1e400` and other values no JSON library would write).
private let validLeaves: [(path: String, json: String)] = [
    ("name", #""Q2 Renewal Drive""#),
    ("description", #""Spring""#),
    ("agent.name", #""Zara""#),
    ("agent.greeting", #""Hi {{NAME}}""#),
    ("agent.prompt", #""Be polite""#),
    ("agent.voicemailMessage", #""Call us back""#),
    ("agent.callbacks", "true"),
    ("numberPool", #"["+14155550100", "+14155550101"]"#),
    ("callerIdStrategy", #""custom""#),
    ("callerIdSlots", #"["+14155550101"]"#),
    ("window.start", #""09:00""#),
    ("window.end", #""18:00""#),
    ("window.timezone", #""America/New_York""#),
    ("window.days", #"["mon", "tue", "wed", "thu", "fri"]"#),
    ("mode", #""multi-day""#),
    ("startAt", #""2028-02-29T23:59:59Z""#),
    ("concurrency", "50"),
    ("inboundReserve", "2"),
    ("callsPerHour", "600"),
    ("retry.maxAttempts", "3"),
    ("retry.delayMinutes", "30"),
    ("retry.on", #"["no_answer", "Busy", "invalid_number", "callback_requested", "opt_out", "hot"]"#),
    ("retry.numberStrategy", #""rolling""#),
    ("retry.stopAfterConnectSeconds", "60"),
    ("retry.redialShortConnectSeconds", "15"),
    ("retry.shortCallRule", "true"),
    ("voicemailAction", #""hangup""#),
    ("callbackDetection", "true"),
    ("stickyExclusion", "false"),
    ("simulator.answerRate", "0.45"),
    ("simulator.busyRate", "0.08"),
    ("simulator.voicemailRate", "0.2"),
    ("simulator.failRate", "0.02"),
    ("simulator.ringSeconds", "[5, 30]"),
    ("simulator.talkSeconds", "[20, 240]"),
    ("simulator.dispositions", #"{"INTERESTED": 0.5, "hot": 0.3, "NOT_INTERESTED": 0.2}"#),
    ("customDispositions", #"["Hot", "SENT_BROCHURE"]"#),
    ("successDispositions", #"["INTERESTED", "Sent_Brochure"]"#),
    ("defaultTimezone", #""Europe/London""#),
]

/// The document with `path` (a leaf, or a whole top-level object such as `retry`) replaced by `json`.
func settingsDocument(replacing path: String? = nil, with json: String = "") -> String {
    var members: [String] = []
    var groups: [String: [String]] = [:]
    var order: [String] = []
    for (leaf, value) in validLeaves {
        let parts = leaf.split(separator: ".", maxSplits: 1).map(String.init)
        let text = leaf == path ? json : value
        if parts.count == 1 {
            members.append(#""\#(leaf)": \#(text)"#)
            continue
        }
        if groups[parts[0]] == nil { order.append(parts[0]) }
        groups[parts[0], default: []].append(#""\#(parts[1])": \#(text)"#)
    }
    for group in order {
        let body = group == path ? json : "{" + (groups[group] ?? []).joined(separator: ", ") + "}"
        members.append(#""\#(group)": \#(body)"#)
    }
    return "{" + members.joined(separator: ",\n ") + "}"
}

/// One bad value for one key, and the key path the error must name.
struct BadSetting: Sendable, CustomTestStringConvertible {
    let path: String
    let json: String
    let key: String

    init(_ path: String, _ json: String, key: String? = nil) {
        self.path = path
        self.json = json
        self.key = key ?? path
    }

    var testDescription: String { "\(path) = \(json.debugDescription) → '\(key)'" }
}

let badSettings: [BadSetting] = [
    BadSetting("name", #""  ""#), BadSetting("name", "5"),
    BadSetting("description", "7"),
    BadSetting("agent", #""Zara""#),
    BadSetting("agent.name", #""""#), BadSetting("agent.greeting", "1"), BadSetting("agent.prompt", "[]"),
    BadSetting("agent.voicemailMessage", "false"), BadSetting("agent.callbacks", #""yes""#),
    BadSetting("numberPool", "[]"), BadSetting("numberPool", #""+14155550100""#),
    BadSetting("numberPool", #"["+14155550100", "+1415555"]"#, key: "numberPool[1]"),
    BadSetting("numberPool", #"["+14155550100", "+1 415 555 0101"]"#, key: "numberPool[1]"),
    BadSetting("callerIdStrategy", #""random""#),
    BadSetting("callerIdSlots", #"["+14155550199"]"#, key: "callerIdSlots[0]"),
    BadSetting("window", "[]"),
    BadSetting("window.start", #""9:00""#), BadSetting("window.start", #""25:00""#),
    BadSetting("window.end", #""24:01""#), BadSetting("window.end", #""08:00""#),
    BadSetting("window.timezone", #""America/New_York\u0007""#), BadSetting("window.timezone", #""Mars/Base""#),
    BadSetting("window.timezone", #""EST""#), BadSetting("window.timezone", #""Europe/London\u001b[31m""#),
    BadSetting("window.timezone", #""America/New_York\n""#),
    BadSetting("window.days", #"["mon", "tue", "Funday"]"#, key: "window.days[2]"),
    BadSetting("window.days", "[]"),
    BadSetting("mode", #""weekly""#),
    BadSetting("startAt", #""2026-02-30T10:00:00Z""#), BadSetting("startAt", #""2025-02-29T00:00:00Z""#),
    BadSetting("startAt", #""2026-04-31T10:00:00Z""#), BadSetting("startAt", #""2026-03-09T24:00:00Z""#),
    BadSetting("startAt", #""2026-03-09T14:00:00+24:00""#), BadSetting("startAt", #""2026-3-9T14:00:00Z""#),
    BadSetting("startAt", #""tomorrow""#),
    BadSetting("concurrency", "1e400"), BadSetting("concurrency", "123456789012345678901234567890"),
    BadSetting("concurrency", "2.5"), BadSetting("concurrency", "-1e400"),
    BadSetting("inboundReserve", "-1"), BadSetting("inboundReserve", "50"),
    BadSetting("callsPerHour", "0"), BadSetting("callsPerHour", "1e400"),
    BadSetting("retry", "true"),
    BadSetting("retry.maxAttempts", "0"), BadSetting("retry.maxAttempts", "99999999999999999999999"),
    BadSetting("retry.delayMinutes", "-1"),
    BadSetting("retry.on", #"["no_answer", "no_anwser"]"#, key: "retry.on[1]"),
    BadSetting("retry.on", #"["callback"]"#, key: "retry.on[0]"),
    BadSetting("retry.on", #"["cancelled"]"#, key: "retry.on[0]"),
    BadSetting("retry.on", #"["busy", "sale"]"#, key: "retry.on[1]"),
    BadSetting("retry.on", #"["busy", ""]"#, key: "retry.on[1]"),
    BadSetting("retry.numberStrategy", #""zigzag""#),
    BadSetting("retry.stopAfterConnectSeconds", "0"), BadSetting("retry.stopAfterConnectSeconds", "10"),
    BadSetting("retry.redialShortConnectSeconds", "-5"),
    BadSetting("retry.shortCallRule", #""yes""#),
    BadSetting("voicemailAction", #""sing""#),
    BadSetting("callbackDetection", "1"),
    BadSetting("stickyExclusion", #""true""#),
    BadSetting("simulator", "[]"),
    BadSetting("simulator.answerRate", "1.5"), BadSetting("simulator.answerRate", "1e400"),
    BadSetting("simulator.busyRate", "-0.1"), BadSetting("simulator.voicemailRate", "2"),
    BadSetting("simulator.failRate", #""low""#),
    BadSetting("simulator.ringSeconds", "[30, 5]"), BadSetting("simulator.talkSeconds", "[240, 20]"),
    BadSetting(
        "simulator.dispositions", #"{"INTERESTED": 1, "=HYPERLINK(\"x\")": 1}"#,
        key: #"simulator.dispositions.=HYPERLINK("x")"#),
    BadSetting("simulator.dispositions", #"{"SALE": 1}"#, key: "simulator.dispositions.SALE"),
    BadSetting("simulator.dispositions", #"{"INTERESTED": 0}"#),
    BadSetting("customDispositions", #"["=cmd"]"#, key: "customDispositions[0]"),
    BadSetting("customDispositions", #"["HOT", "1ABC"]"#, key: "customDispositions[1]"),
    BadSetting("customDispositions", #"["_HOT"]"#, key: "customDispositions[0]"),
    BadSetting("customDispositions", #"["straße"]"#, key: "customDispositions[0]"),
    BadSetting("customDispositions", "[\"A\(String(repeating: "B", count: 64))\"]", key: "customDispositions[0]"),
    BadSetting("customDispositions", #"["interested"]"#, key: "customDispositions[0]"),
    BadSetting("successDispositions", "[]", key: "successDispositions"),
    BadSetting("successDispositions", #"["SOLD"]"#, key: "successDispositions"),
    BadSetting("successDispositions", #""INTERESTED""#, key: "successDispositions"),
    BadSetting("defaultTimezone", #""Europe/London\u001b[31m""#), BadSetting("defaultTimezone", #""EST""#),
]

/// Every key path of a complete document, objects descended into except the disposition weights.
private func keyPaths(_ value: JSONValue, prefix: String = "") -> Set<String> {
    guard case .object(let fields) = value, prefix != "simulator.dispositions" else { return [prefix] }
    var paths: Set<String> = prefix.isEmpty ? [] : [prefix]
    for (key, child) in fields { paths.formUnion(keyPaths(child, prefix: prefix.isEmpty ? key : "\(prefix).\(key)")) }
    return paths
}

/// Whether any character is a control or format character (what a terminal or log would act on).
func hasControlCharacters(_ text: String) -> Bool {
    text.unicodeScalars.contains {
        $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
    }
}

@Suite struct SettingsBadInputTableTests {
    private func parse(_ text: String) throws(SettingsError) -> CampaignSettings {
        try CampaignSettings.parse(Data(text.utf8), numbers: ListedNumbers.pool)
    }

    @Test func theValidDocumentIsAccepted() throws {
        let settings = try parse(settingsDocument())
        #expect(settings.retry.on == ["no_answer", "busy", "invalid_number", "callback_requested", "opt_out", "hot"])
        #expect(settings.customDispositions == ["HOT", "SENT_BROCHURE"])
        #expect(settings.successDispositions == ["INTERESTED", "SENT_BROCHURE"])
        #expect(settings.simulator.dispositions.map(\.name).sorted() == ["HOT", "INTERESTED", "NOT_INTERESTED"])
        #expect(settings.startAt == Date(timeIntervalSince1970: 1_835_481_599))
        #expect(try parse(String(decoding: settings.jsonData(), as: UTF8.self)) == settings)
    }

    @Test func everyKeyOfTheDocumentHasABadValue() throws {
        let settings = try parse(settingsDocument())
        let covered = Set(badSettings.map(\.path))
        let missing = keyPaths(settings.document()).subtracting(covered)
        #expect(missing.isEmpty, "keys without a bad-input row: \(missing.sorted())")
        #expect(Set(validLeaves.map(\.path)).subtracting(covered).isEmpty)
    }

    @Test(arguments: badSettings)
    func aBadValueIsRejectedNamingItsKey(_ bad: BadSetting) {
        let error = #expect(throws: SettingsError.self) {
            try parse(settingsDocument(replacing: bad.path, with: bad.json))
        }
        guard let error else { return }
        #expect(error.key == bad.key, "\(error)")
        #expect(error.description.hasPrefix("settings key '\(bad.key)': "))
        #expect(!hasControlCharacters(error.description), "\(error.description.debugDescription)")
        #expect(!error.description.contains("Decoding") && !error.description.contains("Foundation"))
    }
}
