extension APISchemas {
    /// The agent's report and its answer.
    static let agentCallSchemas: [String: JSONSchema] = [
        "CallResultReport": .object(
            [
                "disposition": .string(nullable: true), "turns": .integer(minimum: 0, maximum: 10_000),
                "transcript": .string(), "callbackAt": .string(format: "date-time", nullable: true),
            ], required: [],
            description:
                "A standard disposition or one of the campaign's; the transcript one line per turn (`agent: …` / `callee: …`, at most 256 KiB); `callbackAt` RFC 3339 with an offset or Z."
        ),
        "TestCallRequest": .object(
            ["to": .string(), "from": .string(), "variables": .map(.string())], required: ["to", "from"],
            description:
                "`to` the number to call (E.164, or a national form read as a US number); `from` an outbound number of the organisation (its carrier places the call); `variables` fill the agent's texts."
        ),
        "TestCallPlaced": .object(
            [
                "campaignId": .integer(minimum: 1), "to": .string(), "from": .string(),
                "status": .string(enum: ["running"]),
            ], required: ["campaignId", "to", "from", "status"]),
        "CallResultAccepted": .object(
            ["callId": .integer(minimum: 1), "status": .string(enum: ["recorded", "repeated"])],
            required: ["callId", "status"]),
    ]
}
