import CampaignCore

extension APISchemas {
    /// The catalog's bodies: agents, carriers, phone numbers and opt-outs.
    static let catalogSchemas: [String: JSONSchema] = [
        "Agent": agent,
        "AgentList": list(of: "Agent"),
        "AgentRequest": .object(
            [
                "name": .string(), "greeting": .string(), "prompt": .string(), "voicemailMessage": .string(),
                "callbacks": .boolean, "streamUrl": .string(nullable: true),
            ], required: ["name"], description: "An agent; texts may use {{VARIABLES}}; streamUrl is ws:// or wss://."),
        "AgentPreviewRequest": .object(
            ["variables": .map(.string())], required: [], description: "Sample values by variable name."),
        "AgentPreview": .object(
            ["greeting": .string(), "prompt": .string(), "voicemailMessage": .string()],
            required: ["greeting", "prompt", "voicemailMessage"]),
        "Carrier": carrier,
        "CarrierList": list(of: "Carrier"),
        "CarrierRequest": .object(
            [
                "name": .string(), "kind": .string(enum: CarrierKind.allCases.map(\.rawValue)), "address": .string(),
                "username": .string(), "password": .string(nullable: true),
                "cps": .integer(minimum: 1, maximum: CarrierDraft.cpsLimit, nullable: true),
                "ringTimeoutSeconds": .integer(
                    minimum: CarrierDraft.ringTimeoutRange.lowerBound,
                    maximum: CarrierDraft.ringTimeoutRange.upperBound),
                "ratePerMinute": JSONSchema(
                    .object([
                        "type": .array([.string("number"), .string("string"), .string("null")]),
                        "description": .string("Price per billed minute, a decimal ≥ 0 with at most 6 places."),
                    ])),
                "billingIncrementSeconds": .integer(
                    minimum: CarrierDraft.billingIncrementRange.lowerBound,
                    maximum: CarrierDraft.billingIncrementRange.upperBound),
            ], required: ["name", "kind"],
            description: "A carrier (twilio is refused until built; sip needs address host:port)."),
        "PhoneNumber": .object(
            [
                "id": .integer(minimum: 1), "e164": .string(), "label": .string(),
                "carrierId": .integer(minimum: 1, nullable: true), "outbound": .boolean,
            ], required: ["id", "e164", "label", "carrierId", "outbound"]),
        "PhoneNumberList": list(of: "PhoneNumber"),
        "PhoneNumberRequest": .object(
            [
                "e164": .string(), "label": .string(), "carrierId": .integer(minimum: 1, nullable: true),
                "outbound": .boolean,
            ], required: ["e164"], description: "A number the organisation owns (outbound defaults to true)."),
        "PhoneNumberEdit": .object(
            [
                "e164": .string(), "label": .string(), "carrierId": .integer(minimum: 1, nullable: true),
                "outbound": .boolean,
            ],
            required: [],
            description:
                "A number's label, carrier and direction (omitted: no label, the default carrier, outbound); e164, when sent, must be the number's own."
        ),
        "OptOut": optOut,
        "OptOutList": list(of: "OptOut"),
        "OptOutRequest": .object(["number": .string()], required: ["number"]),
        "OptOutAddResult": JSONSchema(
            .object(["oneOf": .array([JSONSchema.ref("OptOut").value, optOutReport.value])])),
    ]

    static let agent = JSONSchema.object(
        [
            "id": .integer(minimum: 1), "name": .string(), "greeting": .string(), "prompt": .string(),
            "voicemailMessage": .string(), "callbacks": .boolean, "streamUrl": .string(nullable: true),
            "variables": .array(.string()), "etag": .string(),
        ],
        required: [
            "id", "name", "greeting", "prompt", "voicemailMessage", "callbacks", "streamUrl", "variables", "etag",
        ])

    static let carrier = JSONSchema.object(
        [
            "id": .integer(minimum: 1), "name": .string(), "kind": .string(enum: CarrierKind.allCases.map(\.rawValue)),
            "address": .string(), "username": .string(), "hasPassword": .boolean,
            "cps": .integer(minimum: 1, nullable: true), "ringTimeoutSeconds": .integer(minimum: 1),
            "ratePerMinute": .number(nullable: true), "billingIncrementSeconds": .integer(minimum: 1),
        ],
        required: [
            "id", "name", "kind", "address", "username", "hasPassword", "cps", "ringTimeoutSeconds", "ratePerMinute",
            "billingIncrementSeconds",
        ], description: "A carrier; its password is never returned, only hasPassword.")

    static let optOut = JSONSchema.object(
        [
            "id": .string(), "number": .string(), "source": .string(),
            "createdAt": .string(format: "date-time"),
        ], required: ["id", "number", "source", "createdAt"], description: "An opt-out; its id is its number.")

    static let optOutReport = JSONSchema.object(
        [
            "read": .integer(minimum: 0), "imported": .integer(minimum: 0), "duplicates": .integer(minimum: 0),
            "rejected": .integer(minimum: 0),
            "problems": .array(
                .object(
                    ["line": .integer(minimum: 1), "column": .string(), "reason": .string()],
                    required: ["line", "column", "reason"])),
        ], required: ["read", "imported", "duplicates", "rejected", "problems"],
        description: "What a CSV upload did: every row imported, a duplicate or rejected with its line and reason.")
}
