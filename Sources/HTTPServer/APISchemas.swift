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
        "EmptyRequest": .object([:], required: [], description: "An empty object (the body may be left out)."),
        "Health": .object(
            ["status": .string(enum: ["ok"]), "now": .string(format: "date-time")], required: ["status", "now"]),
        "OpenAPIDocument": .map(JSONSchema(.object([:]))),
    ]

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

    /// The settings document of SPEC §10. Omitted keys take their defaults; the server's parser decides the finer
    /// rules (ranges, combinations) and names the key it refuses.
    static let settings: JSONSchema = {
        let nullableInt = JSONSchema.integer(nullable: true)
        return .object(
            [
                "name": .string(), "description": .string(),
                "agent": .object(
                    [
                        "name": .string(), "greeting": .string(), "prompt": .string(), "voicemailMessage": .string(),
                        "callbacks": .boolean,
                    ], required: ["name"]),
                "numberPool": .array(.string()),
                "callerIdStrategy": .string(enum: CallerIdStrategy.allCases.map(\.rawValue)),
                "callerIdSlots": .array(.string()),
                "window": .object(
                    [
                        "start": .string(), "end": .string(), "timezone": .string(),
                        "days": .array(.string(enum: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])),
                    ], required: []),
                "mode": .string(enum: CampaignMode.allCases.map(\.rawValue)),
                "startAt": .string(format: "date-time", nullable: true),
                "concurrency": JSONSchema(.object(["type": .array([.string("integer"), .string("string")])])),
                "inboundReserve": .integer(minimum: 0),
                "callsPerHour": nullableInt,
                "retry": .object(
                    [
                        "maxAttempts": .integer(minimum: 1, maximum: 100), "delayMinutes": .integer(minimum: 0),
                        "on": .array(.string()),
                        "numberStrategy": .string(enum: NumberStrategy.allCases.map(\.rawValue)),
                        "stopAfterConnectSeconds": nullableInt, "redialShortConnectSeconds": nullableInt,
                        "shortCallRule": .boolean,
                    ], required: []),
                "voicemailAction": .string(enum: VoicemailAction.allCases.map(\.rawValue)),
                "callbackDetection": .boolean, "stickyExclusion": .boolean,
                "customDispositions": .array(.string()),
                "defaultTimezone": .string(nullable: true),
                "simulator": JSONSchema(.object(["type": .string("object")])),
            ], required: ["name", "agent", "numberPool"],
            description: "The campaign settings document of SPEC §10.")
    }()
}
