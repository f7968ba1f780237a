import CampaignStore

/// The component schemas of sign-in, sessions, users and API keys.
enum AccessSchemas {
    static let role = JSONSchema.string(enum: AccessRole.allCases.map(\.rawValue))

    static let user = JSONSchema.object(
        ["id": .integer(minimum: 1), "email": .string(), "role": role], required: ["id", "email", "role"])

    static let key = JSONSchema.object(
        [
            "id": .integer(minimum: 1), "name": .string(), "prefix": .string(), "role": role,
            "createdAt": .string(format: "date-time"), "lastUsedAt": .string(format: "date-time", nullable: true),
            "revokedAt": .string(format: "date-time", nullable: true),
        ], required: ["id", "name", "prefix", "role", "createdAt", "lastUsedAt", "revokedAt"])

    /// A string of `min` to `max` characters.
    static func text(_ min: Int, _ max: Int) -> JSONSchema {
        JSONSchema(
            .object([
                "type": .string("string"), "minLength": .number(Double(min)), "maxLength": .number(Double(max)),
            ]))
    }

    static let all: [String: JSONSchema] = [
        "SignInRequest": .object(
            ["email": text(0, 254), "password": text(0, 1024)], required: ["email", "password"]),
        "Session": .object(
            [
                "user": JSONSchema(
                    .object([
                        "oneOf": .array([
                            user.value, .object(["type": .string("null")]),
                        ])
                    ])),
                "role": role, "orgId": .integer(minimum: 1), "csrfToken": .string(nullable: true),
                "expiresAt": .string(format: "date-time", nullable: true),
            ], required: ["user", "role", "orgId", "csrfToken", "expiresAt"],
            description: "Who the request acts for; `user`, `csrfToken` and `expiresAt` are null for an API key."),
        "User": user,
        "UserList": APISchemas.list(of: "User"),
        "NewUser": .object(
            ["email": text(3, 254), "password": text(12, 72), "role": role], required: ["email", "role"],
            description: "A user; leave `password` out to have one generated (answered once)."),
        "CreatedUser": .object(
            [
                "id": .integer(minimum: 1), "email": .string(), "role": role,
                "password": .string(nullable: true),
            ], required: ["id", "email", "role", "password"]),
        "UserChange": .object(["role": role], required: ["role"]),
        "APIKey": key,
        "APIKeyList": APISchemas.list(of: "APIKey"),
        "NewAPIKey": .object(["name": text(1, 100), "role": role], required: ["name", "role"]),
        "CreatedAPIKey": .object(
            [
                "id": .integer(minimum: 1), "name": .string(), "prefix": .string(), "role": role,
                "createdAt": .string(format: "date-time"),
                "lastUsedAt": .string(format: "date-time", nullable: true),
                "revokedAt": .string(format: "date-time", nullable: true), "apiKey": .string(),
            ], required: ["id", "name", "prefix", "role", "createdAt", "lastUsedAt", "revokedAt", "apiKey"]),
    ]
}
