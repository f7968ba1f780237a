extension APISchemas {
    /// The stats' schemas.
    static let statsSchemas: [String: JSONSchema] = [
        "CampaignStats": .object(
            [
                "counts": counts,
                "callsMade": .integer(minimum: 0), "reached": .integer(minimum: 0),
                "interested": .integer(minimum: 0), "optOuts": .integer(minimum: 0),
                "answerRate": .number(), "conversionRate": .number(), "averageConnectedSeconds": .number(),
                "cost": .number(nullable: true),
                "costPerDay": .array(
                    .object(
                        [
                            "date": .string(format: "date"), "calls": .integer(minimum: 0), "minutes": .number(),
                            "cost": .number(),
                        ],
                        required: ["date", "calls", "minutes", "cost"])),
                "bestTimes": .array(
                    .object(
                        [
                            "weekday": .string(enum: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
                            "hour": .integer(minimum: 0, maximum: 23), "calls": .integer(minimum: 0),
                            "answered": .integer(minimum: 0), "answerRate": .number(),
                        ], required: ["weekday", "hour", "calls", "answered", "answerRate"])),
            ],
            required: [
                "counts", "callsMade", "reached", "interested", "optOuts", "answerRate", "conversionRate",
                "averageConnectedSeconds", "cost", "costPerDay", "bestTimes",
            ])
    ]
}
