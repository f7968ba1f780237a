import Foundation

extension CampaignSettings {
    /// The settings as a complete SPEC §10 document (every key present, defaults filled in).
    public func document() -> JSONValue {
        func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
        func optional(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
        let dayOrder = Weekday.allCases.filter(window.days.contains).map(\.rawValue)
        let weights = Dictionary(
            uniqueKeysWithValues: simulator.dispositions.map { ($0.name, JSONValue.number($0.weight)) })
        return .object([
            "name": .string(name),
            "description": .string(description),
            "agent": .object([
                "name": .string(agent.name), "greeting": .string(agent.greeting), "prompt": .string(agent.prompt),
                "voicemailMessage": .string(agent.voicemailMessage), "callbacks": .bool(agent.callbacks),
            ]),
            "numberPool": strings(numberPool),
            "callerIdStrategy": .string(callerIdStrategy.rawValue),
            "callerIdSlots": strings(callerIdSlots),
            "window": .object([
                "start": .string(window.start.description), "end": .string(window.end.description),
                "timezone": .string(window.timezone.name), "days": strings(dayOrder),
            ]),
            "mode": .string(mode.rawValue),
            "startAt": startAt.map { .string(ISOTime.format($0)) } ?? .null,
            "concurrency": .number(Double(concurrency)),
            "inboundReserve": .number(Double(inboundReserve)),
            "callsPerHour": optional(callsPerHour),
            "retry": .object([
                "maxAttempts": .number(Double(retry.maxAttempts)),
                "delayMinutes": .number(Double(retry.delayMinutes)),
                "on": strings(retry.on.sorted()),
                "numberStrategy": .string(retry.numberStrategy.rawValue),
                "stopAfterConnectSeconds": optional(retry.stopAfterConnectSeconds),
                "redialShortConnectSeconds": optional(retry.redialShortConnectSeconds),
                "shortCallRule": .bool(retry.shortCallRule),
            ]),
            "voicemailAction": .string(voicemailAction.rawValue),
            "callbackDetection": .bool(callbackDetection),
            "stickyExclusion": .bool(stickyExclusion),
            "customDispositions": strings(customDispositions),
            "successDispositions": strings(successDispositions),
            "defaultTimezone": defaultTimezone.map(JSONValue.string) ?? .null,
            "simulator": .object([
                "answerRate": .number(simulator.answerRate), "busyRate": .number(simulator.busyRate),
                "voicemailRate": .number(simulator.voicemailRate), "failRate": .number(simulator.failRate),
                "ringSeconds": .array([
                    .number(Double(simulator.ringSeconds.lowerBound)),
                    .number(Double(simulator.ringSeconds.upperBound)),
                ]),
                "talkSeconds": .array([
                    .number(Double(simulator.talkSeconds.lowerBound)),
                    .number(Double(simulator.talkSeconds.upperBound)),
                ]),
                "dispositions": .object(weights),
            ]),
        ])
    }

    /// The document as JSON bytes with sorted keys, ready to store and to parse back.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(document())) ?? Data("{}".utf8)
    }
}
