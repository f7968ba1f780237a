import CampaignCore

/// The component schemas of the OpenAPI document: every body the API takes or answers.
enum APISchemas {
    static let all: [String: JSONSchema] = [
        "Problem": problem,
        "Campaign": campaign,
        "CampaignList": list(of: "Campaign"),
        "Lead": lead(withCalls: false),
        "LeadDetail": lead(withCalls: true),
        "LeadList": list(of: "Lead"),
        "Call": call,
        "CallList": list(of: "Call"),
        "SettingsDocument": settings,
        "Validation": .object(
            ["valid": .boolean, "settings": .ref("SettingsDocument")], required: ["valid", "settings"]),
        "CloneRequest": .object(
            ["withContacts": .boolean], required: [], description: "Copy the contacts too (default false)."),
        "ImportReport": importReport,
        "ContactAppend": .object(
            [
                "contacts": .array(
                    .object(
                        [
                            "phoneNumber": .string(), "alternates": .array(.ref("ContactAlternate")),
                            "timezone": .string(),
                            "variables": .map(.string()),
                        ], required: ["phoneNumber"]))
            ], required: ["contacts"], description: "Contacts to append, checked like the rows of a contact file."),
        "EmptyRequest": .object([:], required: [], description: "An empty object (the body may be left out)."),
        "Health": .object(
            ["status": .string(enum: ["ok"]), "now": .string(format: "date-time")], required: ["status", "now"]),
        "OpenAPIDocument": .map(JSONSchema(.object([:]))),
    ].merging(forecastSchemas) { first, _ in first }.merging(auditSchemas) { first, _ in first }
        .merging(catalogSchemas) { first, _ in first }
        .merging(statsSchemas) { first, _ in first }
        .merging(webhookSchemas) { first, _ in first }
        .merging(contactPreviewSchemas) { first, _ in first }
        .merging(agentCallSchemas) { first, _ in first }

    static let importReport: JSONSchema = {
        var properties: [String: JSONSchema] = [:]
        for name in ["read", "imported", "duplicates", "rejected", "warnings", "excluded", "problemsTotal"] {
            properties[name] = .integer(minimum: 0)
        }
        properties["problems"] = .array(
            .object(
                ["line": .integer(minimum: 1), "column": .string(nullable: true), "reason": .string()],
                required: ["line", "column", "reason"]))
        properties["errorsUrl"] = .string(nullable: true)
        return .object(properties, required: Array(properties.keys))
    }()

    static let problem = JSONSchema.object(
        [
            "type": .string(), "title": .string(), "status": .integer(), "detail": .string(),
            "errors": .array(
                .object(["field": .string(), "detail": .string()], required: ["field", "detail"])),
        ], required: ["type", "title", "status", "detail", "errors"])

    static func list(of item: String) -> JSONSchema {
        .object(
            ["items": .array(.ref(item)), "nextCursor": .string(nullable: true)], required: ["items", "nextCursor"])
    }

    static let counts = JSONSchema.object(
        Dictionary(
            uniqueKeysWithValues: ["total", "pending", "inProgress", "completed", "failed", "excluded"].map {
                ($0, JSONSchema.integer(minimum: 0))
            }), required: ["total", "pending", "inProgress", "completed", "failed", "excluded"])

    static let campaign = JSONSchema.object(
        [
            "id": .integer(minimum: 1),
            "status": .string(enum: CampaignStatus.allCases.map(\.rawValue)),
            "name": .string(),
            "agentId": .integer(minimum: 1),
            "hasRun": .boolean,
            "run": .integer(minimum: 1),
            "etag": .string(),
            "settings": .ref("SettingsDocument"),
            "counts": counts,
        ], required: ["id", "status", "name", "agentId", "hasRun", "run", "etag", "settings"])

    static func lead(withCalls: Bool) -> JSONSchema {
        var properties: [String: JSONSchema] = [
            "id": .integer(minimum: 1), "campaignId": .integer(minimum: 1), "sourceLine": .integer(minimum: 0),
            "status": .string(enum: ["pending", "in_progress", "completed", "failed", "excluded"]),
            "numbers": .array(.string()), "numberIndex": .integer(minimum: 0), "currentNumber": .string(nullable: true),
            "attempts": .integer(minimum: 0), "pass": .integer(minimum: 0),
            "nextAttemptAt": .string(format: "date-time", nullable: true), "lastOutcome": .string(nullable: true),
            "lastDisposition": .string(nullable: true), "timezones": .array(.string()), "timezoneSource": .string(),
            "variables": .map(.string()), "blockedBy": .string(nullable: true),
            "updatedAt": .string(format: "date-time"),
        ]
        if withCalls { properties["calls"] = .array(.ref("Call")) }
        return .object(properties, required: Array(properties.keys))
    }

    static let call: JSONSchema = {
        var properties: [String: JSONSchema] = [:]
        for name in CallLogFormat.header {
            switch name {
            case "call_id", "campaign_id", "contact_id", "attempt", "pass", "run": properties[name] = .integer()
            case "number_index", "duration_seconds", "turns", "connected_seconds":
                properties[name] = .integer(nullable: name != "number_index")
            case "cost": properties[name] = .number(nullable: true)
            case "to", "from", "contact_timezone": properties[name] = .string()
            case "queued_at": properties[name] = .string(format: "date-time")
            case "started_at", "answered_at", "ended_at":
                properties[name] = .string(format: "date-time", nullable: true)
            default: properties[name] = .string(nullable: true)
            }
        }
        return .object(properties, required: CallLogFormat.header, description: "A call-log row (SPEC §10).")
    }()

    /// The settings document of SPEC §10. Omitted keys take their defaults; the parser decides what a schema cannot
    /// say (pool numbers against the phone metadata, combinations, custom disposition names) and names the key.
    static let settings: JSONSchema = {
        let seconds = JSONSchema.integer(minimum: 1, maximum: 86_400, nullable: true)
        let text = JSONSchema(.object(["type": .string("string"), "pattern": .string("\\S")]))
        let time = JSONSchema(
            .object(["type": .string("string"), "pattern": .string("^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")]))
        let e164 = JSONSchema(.object(["type": .string("string"), "pattern": .string("^\\+[1-9][0-9]{6,14}$")]))
        let rate = JSONSchema(.object(["type": .string("number"), "minimum": .number(0), "maximum": .number(1)]))
        let range = JSONSchema(
            .object([
                "type": .string("array"), "items": JSONSchema.integer(minimum: 0).value, "minItems": .number(2),
                "maxItems": .number(2),
            ]))
        var pool = JSONSchema.array(e164).value
        if case .object(var fields) = pool {
            fields["minItems"] = .number(1)
            pool = .object(fields)
        }
        return .object(
            [
                "name": text, "description": .string(),
                "agent": .object(
                    [
                        "name": text, "greeting": .string(), "prompt": .string(), "voicemailMessage": .string(),
                        "callbacks": .boolean,
                    ], required: ["name"]),
                "numberPool": JSONSchema(pool),
                "callerIdStrategy": .string(enum: CallerIdStrategy.allCases.map(\.rawValue)),
                "callerIdSlots": .array(e164),
                "window": .object(
                    [
                        "start": time, "end": time, "timezone": text,
                        "days": .array(.string(enum: Weekday.allCases.map(\.rawValue))),
                    ], required: []),
                "mode": .string(enum: CampaignMode.allCases.map(\.rawValue)),
                "startAt": .string(format: "date-time", nullable: true),
                "concurrency": JSONSchema(
                    .object([
                        "type": .array([.string("integer"), .string("string")]), "maximum": .number(10_000),
                        "description": .string("Calls live at once; blank or below 1 means 50."),
                    ])),
                "inboundReserve": .integer(minimum: 0, maximum: 10_000),
                "callsPerHour": .integer(minimum: 1, maximum: 10_000_000, nullable: true),
                "retry": .object(
                    [
                        "maxAttempts": .integer(minimum: 1, maximum: 100),
                        "delayMinutes": .integer(minimum: 0, maximum: 525_600),
                        "on": .array(.string()),
                        "numberStrategy": .string(enum: NumberStrategy.allCases.map(\.rawValue)),
                        "stopAfterConnectSeconds": seconds, "redialShortConnectSeconds": seconds,
                        "shortCallRule": .boolean,
                    ], required: []),
                "voicemailAction": .string(enum: VoicemailAction.allCases.map(\.rawValue)),
                "callbackDetection": .boolean, "stickyExclusion": .boolean,
                "customDispositions": .array(.string()),
                "successDispositions": .array(.string()),
                "defaultTimezone": .string(nullable: true),
                "simulator": .object(
                    [
                        "answerRate": rate, "busyRate": rate, "voicemailRate": rate, "failRate": rate,
                        "ringSeconds": range, "talkSeconds": range, "dispositions": .map(.number()),
                    ], required: []),
            ], required: ["name", "agent", "numberPool"],
            description: "The campaign settings document of SPEC §10.")
    }()
}
