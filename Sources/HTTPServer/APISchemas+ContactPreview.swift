extension APISchemas {
    /// The schemas of the contact preview and of the JSON append's alternates.
    static let contactPreviewSchemas: [String: JSONSchema] = [
        "ContactPreview": .object(
            [
                "convention": .string(enum: ["suffixed-alternates", "name-phone-list", "phone-number-variables"]),
                "conventionLabel": .string(), "encoding": .string(enum: ["UTF-8", "Windows-1252"]),
                "delimiter": .string(enum: ["comma", "semicolon", "tab"]),
                "phoneColumns": .array(
                    .object(
                        ["column": .string(), "variables": .array(.string())], required: ["column", "variables"])),
                "variables": .array(.string()), "timezoneColumn": .string(nullable: true),
            ],
            required: [
                "convention", "conventionLabel", "encoding", "delimiter", "phoneColumns", "variables",
                "timezoneColumn",
            ]),
        "ContactAlternate": JSONSchema(
            .object([
                "oneOf": .array([
                    JSONSchema.string().value,
                    JSONSchema.object(
                        ["number": .string(), "variables": .map(.string())], required: ["number"],
                        description: "An alternate number with the variables of calls to it (a file's `name_2`)."
                    ).value,
                ])
            ])),
    ]
}
