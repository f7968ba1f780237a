import CampaignCore

extension APISchemas {
    static let webhookProperties: [String: JSONSchema] = [
        "id": .integer(minimum: 1), "url": .string(), "events": .array(.string(enum: ChangeEventData.types)),
        "enabled": .boolean, "disabled": .boolean, "disabledAt": .string(format: "date-time", nullable: true),
        "failingSince": .string(format: "date-time", nullable: true),
        "lastSuccessAt": .string(format: "date-time", nullable: true),
        "previousSecretUntil": .string(format: "date-time", nullable: true),
        "createdAt": .string(format: "date-time"),
    ]

    /// The webhook routes' bodies.
    static let webhookSchemas: [String: JSONSchema] = [
        "WebhookRequest": .object(
            [
                "url": .string(), "events": .array(.string(enum: ChangeEventData.types)), "enabled": .boolean,
            ], required: ["url", "events"],
            description:
                "An https URL with a public address (http and private addresses only on a server started with --allow-private-webhooks), the events wanted, and the switch (default on)."
        ),
        "Webhook": .object(webhookProperties, required: webhookProperties.keys.sorted()),
        "CreatedWebhook": .object(
            webhookProperties.merging(["secret": .string()]) { first, _ in first },
            required: webhookProperties.keys.sorted() + ["secret"],
            description: "The subscription and its `whsec_` secret, shown this once."),
        "WebhookList": list(of: "Webhook"),
        "WebhookDelivery": .object(
            [
                "id": .integer(minimum: 1), "webhookId": .string(), "eventId": .integer(minimum: 1), "type": .string(),
                "state": .string(enum: ["pending", "delivered", "failed"]),
                "nextAttemptAt": .string(format: "date-time", nullable: true),
                "createdAt": .string(format: "date-time"),
                "attempts": .array(
                    .object(
                        [
                            "at": .string(format: "date-time"), "statusCode": .integer(nullable: true),
                            "latencyMs": .integer(minimum: 0), "responseBody": .string(),
                            "error": .string(nullable: true),
                        ], required: ["at", "statusCode", "latencyMs", "responseBody", "error"])),
            ],
            required: ["id", "webhookId", "eventId", "type", "state", "nextAttemptAt", "createdAt", "attempts"]),
        "WebhookDeliveryList": list(of: "WebhookDelivery"),
        "Redelivery": .object(["queued": .integer(minimum: 0)], required: ["queued"]),
    ]

    /// The 3.1 `webhooks` section: what each event's delivery carries.
    static var webhookEvents: JSONValue {
        let callLog = Dictionary(
            uniqueKeysWithValues: CallLogFormat.header.map { name in
                (
                    name,
                    ChangeEventData.numericCallColumns.contains(name)
                        ? JSONSchema.number(nullable: true) : JSONSchema.string(nullable: true)
                )
            })
        let lead: [String: JSONSchema] = [
            "campaignId": .string(), "leadId": .string(), "contactId": .string(), "sequence": .integer(minimum: 1),
        ]
        let data: [String: JSONSchema] = [
            "campaign.status.changed": .object(
                ["campaignId": .string(), "from": .string(), "to": .string(), "action": .string()],
                required: ["campaignId"], open: true),
            "campaign.lead.updated": .object(
                lead.merging(["status": .string()]) { first, _ in first },
                required: ["campaignId", "contactId", "sequence", "status"], open: true),
            "call.started": .object(
                lead.merging([
                    "callId": .string(), "attempt": .string(), "to": .string(), "from": .string(),
                ]) { first, _ in first }, required: ["campaignId", "contactId", "sequence", "callId"], open: true),
            "call.ended": .object(
                lead.merging(callLog) { first, _ in first }.merging([
                    "callId": .string(), "outcome": .string(), "disposition": .string(),
                    "transcript": .string(nullable: true),
                ]) { first, _ in first },
                required: ["campaignId", "contactId", "sequence", "call_id", "transcript"], open: true),
        ]
        var events: [String: JSONValue] = [:]
        for (type, schema) in data {
            let body = JSONSchema.object(
                ["type": .string(enum: [type]), "timestamp": .string(format: "date-time"), "data": schema],
                required: ["type", "timestamp", "data"])
            events[type] = .object([
                "post": .object([
                    "summary": .string("The \(type) event"),
                    "description": .string(
                        "Signed as Standard Webhooks say: `webhook-id` (the same on every redelivery), `webhook-timestamp`, `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`; two during a secret's rotation). Answer 2xx within 10 s; anything else is retried (docs/webhooks.md)."
                    ),
                    "requestBody": .object([
                        "required": .bool(true),
                        "content": .object(["application/json": .object(["schema": body.value])]),
                    ]),
                    "responses": .object(["200": .object(["description": .string("Received (any 2xx).")])]),
                ])
            ])
        }
        return .object(events)
    }
}
