import Foundation

extension CampaignSettings {
    /// Decodes a settings document (SPEC §10): omitted keys take SPEC §3 defaults; unknown keys, bad values and
    /// impossible combinations are rejected with the key named. `numbers` decides which pool numbers are real
    /// numbers (the application passes one backed by phone metadata; ``WellFormedNumbers`` only for documents
    /// that were checked when they were written).
    public static func parse(_ data: Data, numbers: some NumberValidator) throws(SettingsError) -> CampaignSettings {
        let root = try JSONReader.read(data)
        var doc = try SettingsObject(root, path: "")
        let customDispositions = try parseCustomDispositions(try doc.strings("customDispositions") ?? [])
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
        settings.customDispositions = customDispositions
        if let success = try doc.strings("successDispositions") {
            settings.successDispositions = try parseSuccessDispositions(success, customDispositions: customDispositions)
        }
        settings.callerIdSlots = try doc.strings("callerIdSlots") ?? []
        if var window = try doc.object("window") { settings.window = try parseWindow(&window) }
        settings.mode = try doc.enumeration("mode", CampaignMode.self) ?? .multiDay
        if let startAt = try doc.string("startAt") {
            guard let date = ISOTime.parse(startAt) else {
                throw SettingsError(
                    key: "startAt",
                    reason: "\(SettingsError.quoted(startAt)) is not a date-time that exists, written like "
                        + "2026-03-09T14:00:00Z or with an offset (-05:00)")
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
        if var retry = try doc.object("retry") {
            settings.retry = try parseRetry(&retry, customDispositions: customDispositions)
        }
        settings.voicemailAction = try doc.enumeration("voicemailAction", VoicemailAction.self) ?? .hangup
        settings.callbackDetection = try doc.bool("callbackDetection") ?? false
        settings.stickyExclusion = try doc.bool("stickyExclusion") ?? false
        if var simulator = try doc.object("simulator") {
            settings.simulator = try parseSimulator(&simulator, customDispositions: customDispositions)
        }
        if let zone = try doc.string("defaultTimezone") {
            guard ZoneName.named(zone) != nil else {
                throw SettingsError(
                    key: "defaultTimezone", reason: "\(SettingsError.quoted(zone)) is not an IANA time zone name")
            }
            settings.defaultTimezone = zone
        }
        try doc.rejectUnknownKeys()
        try settings.validate(numbers: numbers)
        return settings
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
                throw SettingsError(
                    key: "window.\(key)", reason: "\(SettingsError.quoted(text)) is not a time HH:MM (00:00–24:00)")
            }
            if key == "start" { window.start = time } else { window.end = time }
        }
        if let zone = try object.string("timezone") {
            if zone == "recipient" {
                window.timezone = .recipient
            } else if let named = ZoneName.named(zone) {
                window.timezone = .named(named)
            } else {
                throw SettingsError(
                    key: "window.timezone",
                    reason: "\(SettingsError.quoted(zone)) is neither an IANA time zone name nor 'recipient'")
            }
        }
        if let days = try object.strings("days") {
            var set = Set<Weekday>()
            for (index, day) in days.enumerated() {
                guard let weekday = Weekday(rawValue: day) else {
                    throw SettingsError(
                        key: "window.days[\(index)]", reason: "\(SettingsError.quoted(day)) is not one of mon…sun")
                }
                set.insert(weekday)
            }
            window.days = set
        }
        try object.rejectUnknownKeys()
        return window
    }

    private static func parseRetry(
        _ object: inout SettingsObject, customDispositions: [String]
    ) throws(SettingsError) -> RetryPolicy {
        var retry = RetryPolicy()
        retry.maxAttempts = try object.integer("maxAttempts", in: 1...100) ?? retry.maxAttempts
        retry.delayMinutes = try object.integer("delayMinutes", in: 0...525_600) ?? retry.delayMinutes
        if let keys = try object.strings("on") {
            var set = Set<String>()
            for (index, key) in keys.enumerated() {
                if let problem = DispositionName.retryKeyProblem(key, customDispositions: customDispositions) {
                    throw SettingsError(key: "retry.on[\(index)]", reason: problem)
                }
                set.insert(key.lowercased())
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
}
