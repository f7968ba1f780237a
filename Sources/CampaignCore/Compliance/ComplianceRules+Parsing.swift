import Foundation

extension ComplianceRules {
    /// The rules-file format this build reads.
    public static let supportedVersion = 1

    /// Parses and validates a rules file: unknown keys, bad hours, an end not after its start, unknown weekdays,
    /// bad dates, caps below 1, bad jurisdictions and repeated ids are rejected with the rule and key they concern.
    public init(json: Data) throws(ComplianceRulesError) {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: json)
        } catch {
            throw ComplianceRulesError(key: "", reason: "not valid JSON")
        }
        var document = try Self.reading { () throws(SettingsError) in try SettingsObject(value, path: "") }
        let version = try Self.reading { () throws(SettingsError) in try document.integer("version", in: 1...1_000_000)
        }
        guard let version else { throw ComplianceRulesError(key: "version", reason: "is required") }
        guard version <= Self.supportedVersion else {
            throw ComplianceRulesError(
                key: "version", reason: "\(version) is newer than this build reads (\(Self.supportedVersion))")
        }
        guard case .array(let items) = document.value("rules") ?? .null else {
            throw ComplianceRulesError(key: "rules", reason: "must be an array of rules")
        }
        _ = try Self.reading { () throws(SettingsError) in try document.string("description") }
        try Self.reading { () throws(SettingsError) in try document.rejectUnknownKeys() }
        var rules: [ComplianceRule] = []
        for (index, item) in items.enumerated() {
            rules.append(try Self.rule(item, index: index))
        }
        guard !rules.isEmpty else { throw ComplianceRulesError(key: "rules", reason: "must not be empty") }
        try self.init(version: version, rules: rules)
    }

    private static func rule(_ value: JSONValue, index: Int) throws(ComplianceRulesError) -> ComplianceRule {
        var id: String?
        func fail(_ error: SettingsError) -> ComplianceRulesError {
            ComplianceRulesError(ruleIndex: index, ruleId: id, key: error.key, reason: error.reason)
        }
        do throws(SettingsError) {
            var object = try SettingsObject(value, path: "")
            id = try object.string("id")
            guard let ruleId = id, !ruleId.isEmpty, ruleId.allSatisfy(Self.isIdCharacter) else {
                throw SettingsError(key: "id", reason: "is required: letters, digits, '.', '_' or '-'")
            }
            guard let source = try object.string("source"), !source.trimmingCharacters(in: .whitespaces).isEmpty
            else { throw SettingsError(key: "source", reason: "is required: the legal citation") }
            guard let jurisdiction = try object.string("jurisdiction"), Self.isValidJurisdiction(jurisdiction) else {
                throw SettingsError(
                    key: "jurisdiction",
                    reason: "must be 'default', a country (IN) or a country and subdivision (US-FL)")
            }
            guard var hoursObject = try object.object("hours") else {
                throw SettingsError(key: "hours", reason: "is required: allowed local hours per weekday")
            }
            let hours = try Self.hours(&hoursObject)
            let blocked = try Self.blockedDates(try object.strings("blockedDates") ?? [])
            let caps = try Self.caps(object.value("caps"))
            let note = try object.string("note")
            try object.rejectUnknownKeys()
            return ComplianceRule(
                id: ruleId, source: source, jurisdiction: jurisdiction, hours: hours, blockedDates: blocked, caps: caps,
                note: note)
        } catch {
            throw fail(error)
        }
    }

    private static func hours(_ object: inout SettingsObject) throws(SettingsError) -> [Weekday: HoursSpan] {
        if let unknown = object.fields.keys.filter({ Weekday(rawValue: $0) == nil }).sorted().first {
            throw SettingsError(
                key: "hours.\(unknown)", reason: "unknown weekday (use mon, tue, wed, thu, fri, sat, sun)")
        }
        var hours: [Weekday: HoursSpan] = [:]
        for day in Weekday.allCases {
            let key = object.keyPath(day.rawValue)
            guard let texts = try object.strings(day.rawValue) else { continue }
            guard texts.count == 2, let start = LocalTime(parsing: texts[0]), let end = LocalTime(parsing: texts[1])
            else { throw SettingsError(key: key, reason: "must be [\"HH:MM\", \"HH:MM\"] (24-hour, end may be 24:00)") }
            guard start.minutes < 1440, let span = HoursSpan(start: start, end: end) else {
                throw SettingsError(key: key, reason: "end \(end) must be after start \(start)")
            }
            hours[day] = span
        }
        try object.rejectUnknownKeys()
        return hours
    }

    private static func blockedDates(_ texts: [String]) throws(SettingsError) -> [BlockedDate] {
        var dates: [BlockedDate] = []
        for (index, text) in texts.enumerated() {
            guard let date = BlockedDate(parsing: text) else {
                throw SettingsError(
                    key: "blockedDates[\(index)]", reason: "'\(text)' is not a date (MM-DD or YYYY-MM-DD)")
            }
            dates.append(date)
        }
        return dates
    }

    private static func caps(_ value: JSONValue?) throws(SettingsError) -> [FrequencyCap] {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            throw SettingsError(key: "caps", reason: "must be an array of {\"calls\", \"windowHours\"}")
        }
        var caps: [FrequencyCap] = []
        for (index, item) in items.enumerated() {
            var object = try SettingsObject(item, path: "caps[\(index)]")
            let calls = try object.integer("calls", in: 1...1_000_000)
            let hours = try object.integer("windowHours", in: 1...8_784)
            try object.rejectUnknownKeys()
            guard let calls, let hours, let cap = FrequencyCap(calls: calls, windowHours: hours) else {
                throw SettingsError(key: "caps[\(index)]", reason: "needs calls and windowHours, both at least 1")
            }
            caps.append(cap)
        }
        return caps
    }

    private static func isIdCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character))
    }

    /// Whether `text` is `default`, `XX`, or `XX-` and one to three letters or digits (the shapes of ISO 3166-1
    /// alpha-2 and ISO 3166-2 codes).
    public static func isValidJurisdiction(_ text: String) -> Bool {
        if text == defaultJurisdiction { return true }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].count == 2, parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            return false
        }
        guard parts.count == 2 else { return true }
        return (1...3).contains(parts[1].count)
            && parts[1].allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    /// Runs a settings-object step, turning its error into a document-level rules error.
    private static func reading<T>(_ step: () throws(SettingsError) -> T) throws(ComplianceRulesError) -> T {
        do {
            return try step()
        } catch {
            throw ComplianceRulesError(key: error.key, reason: error.reason)
        }
    }
}
