import CampaignCore
import Foundation
import Testing

/// The SPEC §10 example, verbatim.
private let specExample = #"""
    {
      "name": "Q2 Renewal Drive",
      "description": "",
      "agent": {
        "name": "Zara",
        "greeting": "Hi {{NAME}}, this is Zara from Acme about case {{CASE_NUMBER}}.",
        "prompt": "You are a polite renewal assistant…",
        "voicemailMessage": "Hi {{NAME}}, please call us back at …",
        "callbacks": true
      },
      "numberPool": ["+14155550100", "+14155550101"],
      "callerIdStrategy": "rotate",
      "callerIdSlots": [],
      "window": { "start": "09:00", "end": "18:00", "timezone": "recipient",
                  "days": ["mon", "tue", "wed", "thu", "fri"] },
      "mode": "multi-day",
      "startAt": null,
      "concurrency": 50,
      "inboundReserve": 0,
      "callsPerHour": null,
      "retry": {
        "maxAttempts": 3,
        "delayMinutes": 30,
        "on": ["no_answer", "busy", "failed", "timeout"],
        "numberStrategy": "rolling",
        "stopAfterConnectSeconds": null,
        "redialShortConnectSeconds": null,
        "shortCallRule": true
      },
      "voicemailAction": "hangup",
      "callbackDetection": false,
      "stickyExclusion": false,
      "simulator": {
        "answerRate": 0.45, "busyRate": 0.08, "voicemailRate": 0.2, "failRate": 0.02,
        "ringSeconds": [5, 30], "talkSeconds": [20, 240],
        "dispositions": { "INTERESTED": 0.2, "NOT_INTERESTED": 0.4, "CALLBACK": 0.1,
                          "OPT_OUT": 0.05, "WRONG_NUMBER": 0.03, "COMPLETED": 0.22 }
      }
    }
    """#

private let requiredOnly = #"{"name": "Drive", "agent": {"name": "Zara"}, "numberPool": ["+14155550100"]}"#

/// The required keys plus `extra` (a comma-separated list of top-level members).
private func document(_ extra: String) -> String {
    #"{"name": "Drive", "agent": {"name": "Zara"}, "numberPool": ["+14155550100", "+14155550101"], \#(extra)}"#
}

private func parse(_ text: String) throws(SettingsError) -> CampaignSettings {
    try CampaignSettings.parse(Data(text.utf8), numbers: WellFormedNumbers())
}

private func utc(_ text: String) -> Date {
    ISOTime.parse(text)!
}

/// A document that must be rejected and the key its error must name.
struct Rejection: Sendable, CustomTestStringConvertible {
    let label: String
    let json: String
    let key: String

    init(_ label: String, _ json: String, key: String) {
        self.label = label
        self.json = json
        self.key = key
    }

    var testDescription: String { "\(label) → '\(key)'" }
}

private let rejections: [Rejection] = [
    Rejection("invalid JSON", #"{"name": "Drive", "#, key: ""),
    Rejection("empty input", "", key: ""),
    Rejection("top level is an array", #"["name"]"#, key: ""),
    Rejection("unknown top-level key", document(#""colour": "red""#), key: "colour"),
    Rejection("misspelt top-level key", document(#""numberpool": []"#), key: "numberpool"),
    Rejection("unknown window key", document(#""window": {"start": "09:00", "foo": 1}"#), key: "window.foo"),
    Rejection("unknown retry key", document(#""retry": {"bar": true}"#), key: "retry.bar"),
    Rejection(
        "unknown agent key", #"{"name": "D", "agent": {"name": "Zara", "x": 1}, "numberPool": ["+14155550100"]}"#,
        key: "agent.x"),
    Rejection("unknown simulator key", document(#""simulator": {"y": 0.5}"#), key: "simulator.y"),
    Rejection("missing name", #"{"agent": {"name": "Zara"}, "numberPool": ["+14155550100"]}"#, key: "name"),
    Rejection("blank name", #"{"name": "  ", "agent": {"name": "Zara"}, "numberPool": ["+14155550100"]}"#, key: "name"),
    Rejection(
        "number for name", #"{"name": 5, "agent": {"name": "Zara"}, "numberPool": ["+14155550100"]}"#, key: "name"),
    Rejection("missing agent", #"{"name": "D", "numberPool": ["+14155550100"]}"#, key: "agent"),
    Rejection("agent is a string", #"{"name": "D", "agent": "Zara", "numberPool": ["+14155550100"]}"#, key: "agent"),
    Rejection(
        "agent without a name", #"{"name": "D", "agent": {}, "numberPool": ["+14155550100"]}"#, key: "agent.name"),
    Rejection(
        "bool for agent.callbacks as number",
        #"{"name": "D", "agent": {"name": "Z", "callbacks": 1}, "numberPool": ["+14155550100"]}"#,
        key: "agent.callbacks"),
    Rejection("missing pool", #"{"name": "D", "agent": {"name": "Zara"}}"#, key: "numberPool"),
    Rejection("empty pool", #"{"name": "D", "agent": {"name": "Zara"}, "numberPool": []}"#, key: "numberPool"),
    Rejection(
        "pool is a string", #"{"name": "D", "agent": {"name": "Z"}, "numberPool": "+14155550100"}"#, key: "numberPool"),
    Rejection(
        "pool number without +", #"{"name": "D", "agent": {"name": "Z"}, "numberPool": ["4155550100"]}"#,
        key: "numberPool[0]"),
    Rejection(
        "malformed second pool number",
        #"{"name": "D", "agent": {"name": "Z"}, "numberPool": ["+14155550100", "+1 415 555 0101"]}"#,
        key: "numberPool[1]"),
    Rejection(
        "pool number with a leading zero", #"{"name": "D", "agent": {"name": "Z"}, "numberPool": ["+04155550100"]}"#,
        key: "numberPool[0]"),
    Rejection(
        "pool number is a number", #"{"name": "D", "agent": {"name": "Z"}, "numberPool": [14155550100]}"#,
        key: "numberPool[0]"),
    Rejection(
        "duplicate pool numbers",
        #"{"name": "D", "agent": {"name": "Z"}, "numberPool": ["+14155550100", "+14155550100"]}"#,
        key: "numberPool"),
    Rejection("string for concurrency", document(#""concurrency": "50""#), key: "concurrency"),
    Rejection("bool for concurrency", document(#""concurrency": true"#), key: "concurrency"),
    Rejection("fractional concurrency", document(#""concurrency": 2.5"#), key: "concurrency"),
    Rejection("huge concurrency", document(#""concurrency": 10001"#), key: "concurrency"),
    Rejection("number for description", document(#""description": 7"#), key: "description"),
    Rejection("number for callbackDetection", document(#""callbackDetection": 1"#), key: "callbackDetection"),
    Rejection("string for stickyExclusion", document(#""stickyExclusion": "true""#), key: "stickyExclusion"),
    Rejection("window is an array", document(#""window": []"#), key: "window"),
    Rejection("window.start 9:00", document(#""window": {"start": "9:00"}"#), key: "window.start"),
    Rejection("window.start 25:00", document(#""window": {"start": "25:00"}"#), key: "window.start"),
    Rejection("window.start 09:60", document(#""window": {"start": "09:60"}"#), key: "window.start"),
    Rejection("window.start ab:cd", document(#""window": {"start": "ab:cd"}"#), key: "window.start"),
    Rejection("window.start 0900", document(#""window": {"start": "0900"}"#), key: "window.start"),
    Rejection("window.start with seconds", document(#""window": {"start": "09:00:00"}"#), key: "window.start"),
    Rejection("window.start with a sign", document(#""window": {"start": "+9:00"}"#), key: "window.start"),
    Rejection("window.start 24:00", document(#""window": {"start": "24:00", "end": "24:00"}"#), key: "window.start"),
    Rejection("window.start as a number", document(#""window": {"start": 9}"#), key: "window.start"),
    Rejection("window.end 24:01", document(#""window": {"end": "24:01"}"#), key: "window.end"),
    Rejection("window.end before start", document(#""window": {"start": "18:00", "end": "09:00"}"#), key: "window.end"),
    Rejection(
        "window.end equal to start", document(#""window": {"start": "10:00", "end": "10:00"}"#), key: "window.end"),
    Rejection("window.end before default start", document(#""window": {"end": "08:00"}"#), key: "window.end"),
    Rejection("unknown timezone", document(#""window": {"timezone": "Mars/Olympus_Mons"}"#), key: "window.timezone"),
    Rejection("abbreviation timezone", document(#""window": {"timezone": "EST"}"#), key: "window.timezone"),
    Rejection("empty timezone", document(#""window": {"timezone": ""}"#), key: "window.timezone"),
    Rejection("bad day name", document(#""window": {"days": ["mon", "funday"]}"#), key: "window.days[1]"),
    Rejection("day as a number", document(#""window": {"days": [1]}"#), key: "window.days[0]"),
    Rejection("days as a string", document(#""window": {"days": "mon"}"#), key: "window.days"),
    Rejection("empty days", document(#""window": {"days": []}"#), key: "window.days"),
    Rejection("custom caller ID without slots", document(#""callerIdStrategy": "custom""#), key: "callerIdSlots"),
    Rejection(
        "custom caller ID with empty slots", document(#""callerIdStrategy": "custom", "callerIdSlots": []"#),
        key: "callerIdSlots"),
    Rejection(
        "slot not in pool",
        document(#""callerIdStrategy": "custom", "callerIdSlots": ["+14155550101", "+14155550199"]"#),
        key: "callerIdSlots[1]"),
    Rejection("bad caller-ID strategy", document(#""callerIdStrategy": "random""#), key: "callerIdStrategy"),
    Rejection("bad number strategy", document(#""retry": {"numberStrategy": "zigzag"}"#), key: "retry.numberStrategy"),
    Rejection("bad mode", document(#""mode": "weekly""#), key: "mode"),
    Rejection("bad voicemail action", document(#""voicemailAction": "sing""#), key: "voicemailAction"),
    Rejection("maxAttempts 0", document(#""retry": {"maxAttempts": 0}"#), key: "retry.maxAttempts"),
    Rejection("maxAttempts 101", document(#""retry": {"maxAttempts": 101}"#), key: "retry.maxAttempts"),
    Rejection("maxAttempts 2.5", document(#""retry": {"maxAttempts": 2.5}"#), key: "retry.maxAttempts"),
    Rejection("maxAttempts as a string", document(#""retry": {"maxAttempts": "3"}"#), key: "retry.maxAttempts"),
    Rejection("maxAttempts as a bool", document(#""retry": {"maxAttempts": true}"#), key: "retry.maxAttempts"),
    Rejection("negative delay", document(#""retry": {"delayMinutes": -1}"#), key: "retry.delayMinutes"),
    Rejection("fractional delay", document(#""retry": {"delayMinutes": 1.5}"#), key: "retry.delayMinutes"),
    Rejection("string for shortCallRule", document(#""retry": {"shortCallRule": "yes"}"#), key: "retry.shortCallRule"),
    Rejection("retry.on as a string", document(#""retry": {"on": "busy"}"#), key: "retry.on"),
    Rejection("retry.on with a space", document(#""retry": {"on": ["no answer"]}"#), key: "retry.on[0]"),
    Rejection("retry.on with a hyphen", document(#""retry": {"on": ["busy", "no-answer"]}"#), key: "retry.on[1]"),
    Rejection("retry.on with an empty name", document(#""retry": {"on": ["busy", ""]}"#), key: "retry.on[1]"),
    Rejection("retry.on with a number", document(#""retry": {"on": ["busy", 3]}"#), key: "retry.on[1]"),
    Rejection(
        "inboundReserve equal to concurrency", document(#""concurrency": 10, "inboundReserve": 10"#),
        key: "inboundReserve"),
    Rejection(
        "inboundReserve above concurrency", document(#""concurrency": 10, "inboundReserve": 11"#), key: "inboundReserve"
    ),
    Rejection("inboundReserve against default concurrency", document(#""inboundReserve": 50"#), key: "inboundReserve"),
    Rejection(
        "inboundReserve against blank concurrency", document(#""concurrency": 0, "inboundReserve": 50"#),
        key: "inboundReserve"),
    Rejection("negative inboundReserve", document(#""inboundReserve": -1"#), key: "inboundReserve"),
    Rejection("callsPerHour 0", document(#""callsPerHour": 0"#), key: "callsPerHour"),
    Rejection("answerRate above 1", document(#""simulator": {"answerRate": 1.5}"#), key: "simulator.answerRate"),
    Rejection("busyRate below 0", document(#""simulator": {"busyRate": -0.1}"#), key: "simulator.busyRate"),
    Rejection("voicemailRate above 1", document(#""simulator": {"voicemailRate": 2}"#), key: "simulator.voicemailRate"),
    Rejection("failRate as a string", document(#""simulator": {"failRate": "low"}"#), key: "simulator.failRate"),
    Rejection(
        "rates summing above 1", document(#""simulator": {"answerRate": 0.9, "busyRate": 0.2}"#), key: "simulator"),
    Rejection(
        "rates summing above 1 with defaults", document(#""simulator": {"answerRate": 0.75}"#), key: "simulator"),
    Rejection(
        "ringSeconds reversed", document(#""simulator": {"ringSeconds": [30, 5]}"#), key: "simulator.ringSeconds"),
    Rejection("ringSeconds one value", document(#""simulator": {"ringSeconds": [5]}"#), key: "simulator.ringSeconds"),
    Rejection(
        "ringSeconds fractional", document(#""simulator": {"ringSeconds": [5.5, 10]}"#), key: "simulator.ringSeconds"),
    Rejection(
        "ringSeconds negative", document(#""simulator": {"ringSeconds": [-1, 10]}"#), key: "simulator.ringSeconds"),
    Rejection(
        "ringSeconds as a string", document(#""simulator": {"ringSeconds": "5-30"}"#), key: "simulator.ringSeconds"),
    Rejection(
        "ringSeconds above a day", document(#""simulator": {"ringSeconds": [5, 90000]}"#), key: "simulator.ringSeconds"),
    Rejection(
        "talkSeconds reversed", document(#""simulator": {"talkSeconds": [240, 20]}"#), key: "simulator.talkSeconds"),
    Rejection(
        "negative disposition weight", document(#""simulator": {"dispositions": {"INTERESTED": -1}}"#),
        key: "simulator.dispositions.INTERESTED"),
    Rejection(
        "disposition weight as a string", document(#""simulator": {"dispositions": {"INTERESTED": "a lot"}}"#),
        key: "simulator.dispositions.INTERESTED"),
    Rejection(
        "no positive disposition weight", document(#""simulator": {"dispositions": {"INTERESTED": 0}}"#),
        key: "simulator.dispositions"),
    Rejection(
        "disposition named twice in different case",
        document(#""simulator": {"dispositions": {"INTERESTED": 0.5, "interested": 0.5}}"#),
        key: "simulator.dispositions.interested"),
    Rejection(
        "stopAfterConnect shorter than redialShortConnect",
        document(#""retry": {"stopAfterConnectSeconds": 10, "redialShortConnectSeconds": 15}"#),
        key: "retry.stopAfterConnectSeconds"),
    Rejection(
        "stopAfterConnect 0", document(#""retry": {"stopAfterConnectSeconds": 0}"#),
        key: "retry.stopAfterConnectSeconds"),
    Rejection(
        "negative redialShortConnect", document(#""retry": {"redialShortConnectSeconds": -5}"#),
        key: "retry.redialShortConnectSeconds"),
    Rejection("startAt in words", document(#""startAt": "tomorrow""#), key: "startAt"),
    Rejection("startAt without a zone", document(#""startAt": "2026-03-09T14:00:00""#), key: "startAt"),
    Rejection("startAt month 13", document(#""startAt": "2026-13-01T00:00:00Z""#), key: "startAt"),
    Rejection("startAt date only", document(#""startAt": "2026-03-09""#), key: "startAt"),
    Rejection("startAt as a number", document(#""startAt": 1773064800"#), key: "startAt"),
]

@Suite struct SettingsValidationTests {
    @Test func specExampleParses() throws {
        let settings = try parse(specExample)
        #expect(settings.name == "Q2 Renewal Drive")
        #expect(settings.description == "")
        #expect(settings.agent.name == "Zara")
        #expect(settings.agent.greeting == "Hi {{NAME}}, this is Zara from Acme about case {{CASE_NUMBER}}.")
        #expect(settings.agent.prompt == "You are a polite renewal assistant…")
        #expect(settings.agent.voicemailMessage == "Hi {{NAME}}, please call us back at …")
        #expect(settings.agent.callbacks)
        #expect(settings.numberPool == ["+14155550100", "+14155550101"])
        #expect(settings.callerIdStrategy == .rotate)
        #expect(settings.callerIdSlots.isEmpty)
        #expect(settings.window.start.description == "09:00")
        #expect(settings.window.end.description == "18:00")
        #expect(settings.window.timezone == .recipient)
        #expect(settings.window.days == [.mon, .tue, .wed, .thu, .fri])
        #expect(settings.mode == .multiDay)
        #expect(settings.startAt == nil)
        #expect(settings.concurrency == 50)
        #expect(settings.inboundReserve == 0)
        #expect(settings.callsPerHour == nil)
        #expect(settings.retry.maxAttempts == 3)
        #expect(settings.retry.delayMinutes == 30)
        #expect(settings.retry.on == ["no_answer", "busy", "failed", "timeout"])
        #expect(settings.retry.numberStrategy == .rolling)
        #expect(settings.retry.stopAfterConnectSeconds == nil)
        #expect(settings.retry.redialShortConnectSeconds == nil)
        #expect(settings.retry.shortCallRule)
        #expect(settings.voicemailAction == .hangup)
        #expect(!settings.callbackDetection)
        #expect(!settings.stickyExclusion)
        #expect(settings.simulator.answerRate == 0.45)
        #expect(settings.simulator.busyRate == 0.08)
        #expect(settings.simulator.voicemailRate == 0.2)
        #expect(settings.simulator.failRate == 0.02)
        #expect(settings.simulator.ringSeconds == 5...30)
        #expect(settings.simulator.talkSeconds == 20...240)
        let weights = Dictionary(uniqueKeysWithValues: settings.simulator.dispositions.map { ($0.name, $0.weight) })
        #expect(
            weights == [
                "INTERESTED": 0.2, "NOT_INTERESTED": 0.4, "CALLBACK": 0.1, "OPT_OUT": 0.05, "WRONG_NUMBER": 0.03,
                "COMPLETED": 0.22,
            ])
    }

    @Test func requiredKeysAloneGetEverySpecDefault() throws {
        let settings = try parse(requiredOnly)
        #expect(settings.name == "Drive")
        #expect(settings.description == "")
        #expect(settings.agent == AgentProfile(name: "Zara"))
        #expect(settings.agent.greeting == "" && settings.agent.prompt == "" && settings.agent.voicemailMessage == "")
        #expect(!settings.agent.callbacks)
        #expect(settings.numberPool == ["+14155550100"])
        #expect(settings.callerIdStrategy == .rotate)
        #expect(settings.callerIdSlots == [])
        #expect(settings.window.start == LocalTime(minutes: 9 * 60))
        #expect(settings.window.end == LocalTime(minutes: 18 * 60))
        #expect(settings.window.timezone == .recipient)
        #expect(settings.window.days == [.mon, .tue, .wed, .thu, .fri])
        #expect(settings.mode == .multiDay)
        #expect(settings.startAt == nil)
        #expect(settings.concurrency == 50)
        #expect(settings.inboundReserve == 0)
        #expect(settings.outboundSlots == 50)
        #expect(settings.callsPerHour == nil)
        #expect(settings.retry.maxAttempts == 3)
        #expect(settings.retry.delayMinutes == 30)
        #expect(settings.retry.on == ["no_answer", "busy", "failed", "timeout"])
        #expect(settings.retry.numberStrategy == .rolling)
        #expect(settings.retry.stopAfterConnectSeconds == nil)
        #expect(settings.retry.redialShortConnectSeconds == nil)
        #expect(settings.retry.shortCallRule)
        #expect(settings.voicemailAction == .hangup)
        #expect(!settings.callbackDetection)
        #expect(!settings.stickyExclusion)
        #expect(settings.simulator == SimulatorSettings())
        #expect(
            settings == CampaignSettings(name: "Drive", agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100"])
        )
    }

    @Test func nullValuesTakeTheDefaults() throws {
        let settings = try parse(
            document(
                #""description": null, "callerIdStrategy": null, "window": null, "mode": null, "concurrency": null, "retry": {"maxAttempts": null, "on": null}, "simulator": null, "callbackDetection": null"#
            ))
        let expected = CampaignSettings(
            name: "Drive", agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100", "+14155550101"])
        #expect(settings == expected)
    }

    @Test(arguments: rejections)
    func rejectsAndNamesTheKey(_ rejection: Rejection) throws {
        let error = #expect(throws: SettingsError.self) { try parse(rejection.json) }
        #expect(error?.key == rejection.key, "\(error?.description ?? "no error")")
        #expect(error?.reason.isEmpty == false)
        if let error, !rejection.key.isEmpty {
            #expect(error.description.contains("'\(rejection.key)'"))
        }
    }

    @Test(arguments: [
        (#""concurrency": 0"#, 50), (#""concurrency": -3"#, 50), (#""concurrency": null"#, 50),
        (#""mode": "multi-day""#, 50),
        (#""concurrency": 1"#, 1), (#""concurrency": 10000"#, 10_000), (#""concurrency": 7.0"#, 7),
    ])
    func blankOrTinyConcurrencyMeansFifty(_ member: String, _ expected: Int) throws {
        #expect(try parse(document(member)).concurrency == expected)
    }

    @Test func outboundSlotsSubtractTheInboundReserve() throws {
        let settings = try parse(document(#""concurrency": 10, "inboundReserve": 9"#))
        #expect(settings.inboundReserve == 9)
        #expect(settings.outboundSlots == 1)
    }

    @Test func windowAcceptsEdgesNamedZonesAndAnyDays() throws {
        let settings = try parse(
            document(
                #""window": {"start": "00:00", "end": "24:00", "timezone": "Europe/London", "days": ["sun", "sat", "sat"]}"#
            ))
        #expect(settings.window.start.minutes == 0)
        #expect(settings.window.end.minutes == 1440)
        #expect(settings.window.timezone == .named(TimeZone(identifier: "Europe/London")!))
        #expect(settings.window.timezone.name == "Europe/London")
        #expect(settings.window.days == [.sat, .sun])
        let utcWindow = try parse(document(#""window": {"timezone": "UTC", "start": "08:30", "end": "08:31"}"#)).window
        guard case .named(let utc) = utcWindow.timezone else {
            Issue.record("UTC is not a named zone")
            return
        }
        #expect(utc.secondsFromGMT(for: Date(timeIntervalSince1970: 1_780_000_000)) == 0)
        #expect(utcWindow.start.description == "08:30" && utcWindow.end.description == "08:31")
    }

    @Test func everyKnownZoneRoundTrips() throws {
        let zones = ["UTC", "GMT", "Etc/UTC"] + TimeZone.knownTimeZoneIdentifiers
        var broken: [String] = []
        for zone in zones {
            let settings = try parse(document(#""window": {"timezone": "\#(zone)"}"#))
            do {
                if try CampaignSettings.parse(settings.jsonData(), numbers: WellFormedNumbers()) != settings {
                    broken.append(zone)
                }
            } catch {
                broken.append("\(zone): \(error)")
            }
        }
        #expect(broken.isEmpty)
    }

    @Test func retryOnIsLowerCasedAndTakesBusinessDispositions() throws {
        let settings = try parse(
            document(
                #""customDispositions": ["x1"], "retry": {"on": ["NO_ANSWER", "Callback_Requested", "voicemail", "x1"]}"#
            ))
        #expect(settings.retry.on == ["no_answer", "callback_requested", "voicemail", "x1"])
        #expect(try parse(document(#""retry": {"on": []}"#)).retry.on.isEmpty)
    }

    @Test func everyOtherKeyIsRead() throws {
        let settings = try parse(
            document(
                #"""
                "description": "Spring", "customDispositions": ["sale", "no_sale"], "callerIdStrategy": "custom", "callerIdSlots": ["+14155550101", "+14155550100"],
                "mode": "always-on", "callsPerHour": 600, "voicemailAction": "leave-message",
                "callbackDetection": true, "stickyExclusion": true,
                "retry": {"maxAttempts": 100, "delayMinutes": 0, "numberStrategy": "sweep",
                          "stopAfterConnectSeconds": 60, "redialShortConnectSeconds": 60, "shortCallRule": false},
                "simulator": {"answerRate": 0, "busyRate": 1, "voicemailRate": 0, "failRate": 0,
                              "ringSeconds": [0, 0], "talkSeconds": [1, 86400], "dispositions": {"sale": 2, "NO_SALE": 0}}
                """#))
        #expect(settings.description == "Spring")
        #expect(settings.callerIdStrategy == .custom)
        #expect(settings.callerIdSlots == ["+14155550101", "+14155550100"])
        #expect(settings.mode == .alwaysOn)
        #expect(settings.callsPerHour == 600)
        #expect(settings.voicemailAction == .leaveMessage)
        #expect(settings.callbackDetection && settings.stickyExclusion)
        #expect(settings.retry.maxAttempts == 100)
        #expect(settings.retry.delayMinutes == 0)
        #expect(settings.retry.numberStrategy == .sweep)
        #expect(settings.retry.stopAfterConnectSeconds == 60)
        #expect(settings.retry.redialShortConnectSeconds == 60)
        #expect(!settings.retry.shortCallRule)
        #expect(settings.simulator.busyRate == 1 && settings.simulator.answerRate == 0)
        #expect(settings.simulator.ringSeconds == 0...0)
        #expect(settings.simulator.talkSeconds == 1...86_400)
        #expect(settings.simulator.dispositions.map(\.name).sorted() == ["NO_SALE", "SALE"])
        #expect(settings.simulator.dispositions.first { $0.name == "SALE" }?.weight == 2)
    }

    @Test func startAtIsReadInAnyOffsetAndKeptToTheSecond() throws {
        #expect(try parse(document(#""startAt": "2026-03-09T14:00:00Z""#)).startAt == utc("2026-03-09T14:00:00Z"))
        #expect(try parse(document(#""startAt": "2026-03-09T09:00:00-05:00""#)).startAt == utc("2026-03-09T14:00:00Z"))
        let fractional = try parse(document(#""startAt": "2026-03-09T14:00:00.750Z""#))
        #expect(fractional.startAt == utc("2026-03-09T14:00:00Z"))
    }

    @Test func validateChecksSettingsBuiltInCode() {
        var settings = CampaignSettings(name: "D", agent: AgentProfile(name: "Z"), numberPool: ["+14155550100"])
        #expect(throws: Never.self) { try settings.validate(numbers: WellFormedNumbers()) }
        settings.numberPool = []
        #expect(throws: SettingsError(key: "numberPool", reason: "must list at least one number")) {
            try settings.validate(numbers: WellFormedNumbers())
        }
        settings.numberPool = ["+14155550100"]
        settings.window.days = []
        #expect(throws: SettingsError.self) { try settings.validate(numbers: WellFormedNumbers()) }
    }

    @Test(arguments: [specExample, requiredOnly, document(#""startAt": "2026-03-09T14:00:00.5Z""#)])
    func documentsRoundTrip(_ json: String) throws {
        let settings = try parse(json)
        let again = try CampaignSettings.parse(settings.jsonData(), numbers: WellFormedNumbers())
        #expect(again == settings)
        #expect(again.jsonData() == settings.jsonData())
    }

    @Test func customisedSettingsRoundTrip() throws {
        var settings = CampaignSettings(
            name: "Q3 \"Win-back\", West", agent: AgentProfile(name: "Ava", greeting: "Hi {{NAME}}", callbacks: true),
            numberPool: ["+14155550100", "+442071838750", "+14155550101"])
        settings.description = "Line one\nline two"
        settings.callerIdStrategy = .custom
        settings.callerIdSlots = ["+442071838750", "+14155550100"]
        settings.window = CallingWindow(
            start: LocalTime(minutes: 0)!, end: LocalTime(minutes: 1440)!,
            timezone: .named(TimeZone(identifier: "America/Denver")!), days: [.sat, .sun, .wed])
        settings.mode = .singleDay
        settings.startAt = utc("2026-07-01T15:30:00Z")
        settings.concurrency = 12
        settings.inboundReserve = 2
        settings.callsPerHour = 300
        settings.retry.maxAttempts = 7
        settings.retry.delayMinutes = 5
        settings.retry.on = ["busy", "callback_requested"]
        settings.retry.numberStrategy = .clamp
        settings.retry.stopAfterConnectSeconds = 45
        settings.retry.redialShortConnectSeconds = 10
        settings.retry.shortCallRule = false
        settings.voicemailAction = .leaveMessage
        settings.callbackDetection = true
        settings.stickyExclusion = true
        settings.simulator.answerRate = 0.3
        settings.simulator.ringSeconds = 1...2
        settings.customDispositions = ["ZETA", "ALPHA"]
        settings.simulator.dispositions = [("ZETA", 1), ("ALPHA", 0.5)]
        try settings.validate(numbers: WellFormedNumbers())
        #expect(try CampaignSettings.parse(settings.jsonData(), numbers: WellFormedNumbers()) == settings)
        let defaults = CampaignSettings(name: "a", agent: AgentProfile(name: "b"), numberPool: ["+15550100000"])
        #expect(try CampaignSettings.parse(defaults.jsonData(), numbers: WellFormedNumbers()) == defaults)
    }

    @Test func documentHasEveryKeyOfTheContract() throws {
        let settings = try parse(requiredOnly)
        guard case .object(let root) = settings.document() else {
            Issue.record("document is not an object")
            return
        }
        #expect(
            Set(root.keys).isSuperset(of: [
                "name", "description", "agent", "numberPool", "callerIdStrategy", "callerIdSlots", "window", "mode",
                "startAt", "concurrency", "inboundReserve", "callsPerHour", "retry", "voicemailAction",
                "callbackDetection", "stickyExclusion", "simulator",
            ]))
        #expect(root["startAt"] == .null)
        #expect(root["callsPerHour"] == .null)
        #expect(
            root["window"]
                == .object([
                    "start": .string("09:00"), "end": .string("18:00"), "timezone": .string("recipient"),
                    "days": .array(["mon", "tue", "wed", "thu", "fri"].map(JSONValue.string)),
                ]))
    }

    @Test(arguments: [
        ("+14155550100", true), ("+442071838750", true), ("+1234567", true), ("+123456789012345", true),
        ("+1234567890123456", false), ("+123456", false), ("14155550100", false), ("+04155550100", false),
        ("+1415555010a", false), ("+1 415 555 0100", false), ("", false), ("+", false), ("++14155550100", false),
    ])
    func e164Shape(_ text: String, _ wellFormed: Bool) {
        #expect(E164.isWellFormed(text) == wellFormed)
    }

    @Test func isoTimeIsUTCWithAZ() throws {
        let date = try #require(ISOTime.parse("2026-11-01T01:30:00-04:00"))
        #expect(ISOTime.format(date) == "2026-11-01T05:30:00Z")
        #expect(ISOTime.parse("2026-03-09T14:00:00.250Z")?.timeIntervalSince1970 == 1_773_064_800.25)
        #expect(ISOTime.parse("2026-03-09 14:00") == nil)
    }
}
