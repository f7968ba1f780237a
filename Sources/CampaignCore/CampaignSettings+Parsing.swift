import Foundation

extension CampaignSettings {
    /// Decodes a settings document (SPEC §10): omitted keys take SPEC §3 defaults; unknown keys, bad values and
    /// impossible combinations are rejected with the key named.
    public static func parse(_ data: Data) throws(SettingsError) -> CampaignSettings {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw SettingsError(key: "", reason: "not valid JSON (\(Self.jsonProblem(error)))")
        }
        var doc = try SettingsObject(root, path: "")
        guard let name = try doc.string("name"), !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SettingsError(key: "name", reason: "is required")
        }
        guard var agentObject = try doc.object("agent") else {
            throw SettingsError(key: "agent", reason: "is required")
        }
        let agent = try parseAgent(&agentObject)
        guard let pool = try doc.strings("numberPool") else {
            throw SettingsError(key: "numberPool", reason: "is required")
        }
        var settings = CampaignSettings(name: name, agent: agent, numberPool: pool)
        settings.description = try doc.string("description") ?? ""
        settings.callerIdStrategy = try doc.enumeration("callerIdStrategy", CallerIdStrategy.self) ?? .rotate
        settings.callerIdSlots = try doc.strings("callerIdSlots") ?? []
        if var window = try doc.object("window") { settings.window = try parseWindow(&window) }
        settings.mode = try doc.enumeration("mode", CampaignMode.self) ?? .multiDay
        if let startAt = try doc.string("startAt") {
            guard let date = ISOTime.parse(startAt) else {
                throw SettingsError(key: "startAt", reason: "'\(startAt)' is not an ISO-8601 date-time with a zone")
            }
            settings.startAt = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        }
        if case .string(let blank)? = doc.value("concurrency"), blank.trimmingCharacters(in: .whitespaces).isEmpty {
            settings.concurrency = 50
        } else if let concurrency = try doc.number("concurrency") {
            guard concurrency.rounded() == concurrency, concurrency <= 10_000 else {
                throw SettingsError(key: "concurrency", reason: "must be a whole number up to 10000")
            }
            settings.concurrency = concurrency < 1 ? 50 : Int(concurrency)
        }
        settings.inboundReserve = try doc.integer("inboundReserve", in: 0...10_000) ?? 0
        settings.callsPerHour = try doc.integer("callsPerHour", in: 1...10_000_000)
        if var retry = try doc.object("retry") { settings.retry = try parseRetry(&retry) }
        settings.voicemailAction = try doc.enumeration("voicemailAction", VoicemailAction.self) ?? .hangup
        settings.callbackDetection = try doc.bool("callbackDetection") ?? false
        settings.stickyExclusion = try doc.bool("stickyExclusion") ?? false
        if var simulator = try doc.object("simulator") { settings.simulator = try parseSimulator(&simulator) }
        settings.customDispositions = try parseCustomDispositions(try doc.strings("customDispositions") ?? [])
        if let zone = try doc.string("defaultTimezone") {
            guard namedZone(zone) != nil else {
                throw SettingsError(key: "defaultTimezone", reason: "'\(zone)' is not an IANA time zone")
            }
            settings.defaultTimezone = zone
        }
        try doc.rejectUnknownKeys()
        try settings.validate()
        return settings
    }

    /// Checks the combinations that no single key can: pool numbers, slots, reserve against concurrency.
    public func validate() throws(SettingsError) {
        guard !numberPool.isEmpty else {
            throw SettingsError(key: "numberPool", reason: "must list at least one number")
        }
        for (index, number) in numberPool.enumerated() where !E164.isWellFormed(number) {
            throw SettingsError(
                key: "numberPool[\(index)]", reason: "'\(number)' is not an E.164 number (+ and digits)")
        }
        if Set(numberPool).count != numberPool.count {
            throw SettingsError(key: "numberPool", reason: "lists a number twice")
        }
        if callerIdStrategy == .custom && callerIdSlots.isEmpty {
            throw SettingsError(key: "callerIdSlots", reason: "the 'custom' caller-ID strategy needs at least one slot")
        }
        for (index, slot) in callerIdSlots.enumerated() where !numberPool.contains(slot) {
            throw SettingsError(key: "callerIdSlots[\(index)]", reason: "'\(slot)' is not in numberPool")
        }
        guard window.start < window.end else {
            throw SettingsError(key: "window.end", reason: "must be after window.start (\(window.start))")
        }
        guard !window.days.isEmpty else {
            throw SettingsError(key: "window.days", reason: "must list at least one day")
        }
        if inboundReserve >= concurrency {
            throw SettingsError(key: "inboundReserve", reason: "must be less than concurrency (\(concurrency))")
        }
        if let stop = retry.stopAfterConnectSeconds, let short = retry.redialShortConnectSeconds, stop < short {
            throw SettingsError(
                key: "retry.stopAfterConnectSeconds",
                reason: "must not be shorter than retry.redialShortConnectSeconds (\(short)): a call cannot be both")
        }
    }

    /// An IANA zone Foundation knows (`Region/City`, or `UTC`/`GMT`); abbreviations like `EST` are refused.
    static func namedZone(_ name: String) -> TimeZone? {
        guard name.contains("/") || name == "UTC" || name == "GMT" else { return nil }
        return TimeZone(identifier: name)
    }

    private static func parseCustomDispositions(_ names: [String]) throws(SettingsError) -> [String] {
        var result: [String] = []
        for (index, name) in names.enumerated() {
            let upper = name.uppercased()
            guard !upper.isEmpty, upper.allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "_" }) else {
                throw SettingsError(
                    key: "customDispositions[\(index)]", reason: "'\(name)' must be letters, digits and _ only")
            }
            guard StandardDisposition(rawValue: upper) == nil, !result.contains(upper) else {
                throw SettingsError(key: "customDispositions[\(index)]", reason: "'\(name)' is already a disposition")
            }
            result.append(upper)
        }
        return result
    }

    private static func parseAgent(_ object: inout SettingsObject) throws(SettingsError) -> AgentProfile {
        guard let name = try object.string("name"), !name.isEmpty else {
            throw SettingsError(key: "agent.name", reason: "is required")
        }
        let agent = AgentProfile(
            name: name, greeting: try object.string("greeting") ?? "", prompt: try object.string("prompt") ?? "",
            voicemailMessage: try object.string("voicemailMessage") ?? "",
            callbacks: try object.bool("callbacks") ?? false)
        try object.rejectUnknownKeys()
        return agent
    }

    private static func parseWindow(_ object: inout SettingsObject) throws(SettingsError) -> CallingWindow {
        var window = CallingWindow()
        for key in ["start", "end"] {
            guard let text = try object.string(key) else { continue }
            guard let time = LocalTime(parsing: text), key == "end" || time.minutes < 1440 else {
                throw SettingsError(key: "window.\(key)", reason: "'\(text)' is not a time HH:MM (00:00–24:00)")
            }
            if key == "start" { window.start = time } else { window.end = time }
        }
        if let zone = try object.string("timezone") {
            if zone == "recipient" {
                window.timezone = .recipient
            } else if let named = namedZone(zone) {
                window.timezone = .named(named)
            } else {
                throw SettingsError(key: "window.timezone", reason: "'\(zone)' is neither an IANA zone nor 'recipient'")
            }
        }
        if let days = try object.strings("days") {
            var set = Set<Weekday>()
            for (index, day) in days.enumerated() {
                guard let weekday = Weekday(rawValue: day) else {
                    throw SettingsError(key: "window.days[\(index)]", reason: "'\(day)' is not one of mon…sun")
                }
                set.insert(weekday)
            }
            window.days = set
        }
        try object.rejectUnknownKeys()
        return window
    }

    private static func parseRetry(_ object: inout SettingsObject) throws(SettingsError) -> RetryPolicy {
        var retry = RetryPolicy()
        retry.maxAttempts = try object.integer("maxAttempts", in: 1...100) ?? retry.maxAttempts
        retry.delayMinutes = try object.integer("delayMinutes", in: 0...525_600) ?? retry.delayMinutes
        if let keys = try object.strings("on") {
            var set = Set<String>()
            for (index, key) in keys.enumerated() {
                let normalised = key.lowercased()
                guard !normalised.isEmpty, normalised.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw SettingsError(
                        key: "retry.on[\(index)]", reason: "'\(key)' is not an outcome or disposition name")
                }
                set.insert(normalised)
            }
            retry.on = set
        }
        retry.numberStrategy = try object.enumeration("numberStrategy", NumberStrategy.self) ?? .rolling
        retry.stopAfterConnectSeconds = try object.integer("stopAfterConnectSeconds", in: 1...86_400)
        retry.redialShortConnectSeconds = try object.integer("redialShortConnectSeconds", in: 1...86_400)
        retry.shortCallRule = try object.bool("shortCallRule") ?? true
        try object.rejectUnknownKeys()
        return retry
    }

    private static func parseSimulator(_ object: inout SettingsObject) throws(SettingsError) -> SimulatorSettings {
        var model = SimulatorSettings()
        for key in ["answerRate", "busyRate", "voicemailRate", "failRate"] {
            guard let rate = try object.number(key) else { continue }
            guard (0...1).contains(rate) else {
                throw SettingsError(key: "simulator.\(key)", reason: "must be from 0 to 1")
            }
            switch key {
            case "answerRate": model.answerRate = rate
            case "busyRate": model.busyRate = rate
            case "voicemailRate": model.voicemailRate = rate
            default: model.failRate = rate
            }
        }
        if model.answerRate + model.busyRate + model.voicemailRate + model.failRate > 1.000_001 {
            throw SettingsError(key: "simulator", reason: "answerRate + busyRate + voicemailRate + failRate exceeds 1")
        }
        model.ringSeconds = try secondsRange(&object, "ringSeconds") ?? model.ringSeconds
        model.talkSeconds = try secondsRange(&object, "talkSeconds") ?? model.talkSeconds
        if var weights = try object.object("dispositions") {
            var list: [(name: String, weight: Double)] = []
            for name in weights.fields.keys.sorted() {
                guard let weight = try weights.number(name), weight >= 0 else {
                    throw SettingsError(key: "simulator.dispositions.\(name)", reason: "must be a number ≥ 0")
                }
                guard !list.contains(where: { $0.name == name.uppercased() }) else {
                    throw SettingsError(
                        key: "simulator.dispositions.\(name)", reason: "names a disposition twice (names ignore case)")
                }
                list.append((name.uppercased(), weight))
            }
            guard list.contains(where: { $0.weight > 0 }) else {
                throw SettingsError(key: "simulator.dispositions", reason: "needs at least one positive weight")
            }
            model.dispositions = list
        }
        try object.rejectUnknownKeys()
        return model
    }

    private static func secondsRange(
        _ object: inout SettingsObject, _ key: String
    ) throws(SettingsError)
        -> ClosedRange<Int>?
    {
        guard let value = object.value(key) else { return nil }
        guard case .array(let items) = value, items.count == 2,
            case .number(let low) = items[0], case .number(let high) = items[1],
            low.rounded() == low, high.rounded() == high, low >= 0, low <= high, high <= 86_400
        else {
            throw SettingsError(key: "simulator.\(key)", reason: "must be [min, max] whole seconds with min ≤ max")
        }
        return Int(low)...Int(high)
    }

    private static func jsonProblem(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        }
        return "\(error)"
    }
}
