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
        "CallResultAccepted": .object(
            ["callId": .integer(minimum: 1), "status": .string(enum: ["recorded", "repeated"])],
            required: ["callId", "status"]),
    ]
}
