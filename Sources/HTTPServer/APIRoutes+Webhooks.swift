import CampaignCore
import Hummingbird

extension APIRoutes {
    static let deliveryParameter = APIParameter(
        "delivery", in: .path, "The delivery's id.", schema: .integer(minimum: 1))

    /// Webhook subscriptions, their delivery log and redelivery (SPEC §13; admins only).
    static let webhookRoutes: [APIRoute] = [
        APIRoute(
            .get, "/v1/webhooks", operationId: "listWebhooks", summary: "List webhook subscriptions", tag: "webhooks",
            access: .role(.admin), parameters: pageParameters,
            responses: [json(200, "A page of subscriptions, by id (never their secrets).", "WebhookList")],
            handler: WebhookHandlers.list),
        withErrors(
            [422],
            withSecret(
                APIRoute(
                    .post, "/v1/webhooks", operationId: "createWebhook", summary: "Subscribe an endpoint to events",
                    tag: "webhooks", access: .role(.admin),
                    requestBody: APIRequestBody(
                        mediaType: "application/json", schema: .ref("WebhookRequest"), required: true,
                        limit: 16 << 10,
                        example: .object([
                            "url": .string("https://hooks.example.com/outbound"),
                            "events": .array([.string("campaign.lead.updated")]),
                        ])),
                    responses: [
                        json(
                            201, "The subscription with its `secret` (shown this once).", "CreatedWebhook",
                            headers: location)
                    ], handler: WebhookHandlers.create))),
        APIRoute(
            .get, "/v1/webhooks/{id}", operationId: "getWebhook", summary: "Read a webhook subscription",
            tag: "webhooks", access: .role(.admin), parameters: [idParameter],
            responses: [json(200, "The subscription (never its secret).", "Webhook")], handler: WebhookHandlers.get),
        withErrors(
            [422],
            APIRoute(
                .put, "/v1/webhooks/{id}", operationId: "updateWebhook",
                summary: "Change a subscription's URL, events or switch", tag: "webhooks", access: .role(.admin),
                parameters: [idParameter],
                requestBody: APIRequestBody(
                    mediaType: "application/json", schema: .ref("WebhookRequest"), required: true, limit: 16 << 10,
                    example: .object([
                        "url": .string("https://hooks.example.com/outbound"),
                        "events": .array([.string("call.ended")]), "enabled": .bool(false),
                    ])),
                responses: [json(200, "The subscription.", "Webhook")], handler: WebhookHandlers.update)),
        APIRoute(
            .delete, "/v1/webhooks/{id}", operationId: "deleteWebhook",
            summary: "Delete a subscription with its delivery log", tag: "webhooks", access: .role(.admin),
            parameters: [idParameter], responses: [APIResponse(204, "Deleted.")], handler: WebhookHandlers.delete),
        withSecret(
            APIRoute(
                .post, "/v1/webhooks/{id}/rotate-secret", operationId: "rotateWebhookSecret",
                summary: "Make a new secret (the old one signs alongside it for 24 hours)", tag: "webhooks",
                access: .role(.admin), parameters: [idParameter], requestBody: emptyBody,
                responses: [json(200, "The subscription with its new `secret` (shown this once).", "CreatedWebhook")],
                handler: WebhookHandlers.rotate)),
        APIRoute(
            .get, "/v1/webhooks/{id}/deliveries", operationId: "listWebhookDeliveries",
            summary: "The delivery log: each event's delivery with every attempt", tag: "webhooks",
            access: .role(.admin), parameters: [idParameter] + pageParameters,
            responses: [json(200, "A page of deliveries, newest event first.", "WebhookDeliveryList")],
            handler: WebhookHandlers.deliveries),
        APIRoute(
            .post, "/v1/webhooks/{id}/deliveries/{delivery}/redeliver", operationId: "redeliverWebhookDelivery",
            summary: "Deliver one event again (same webhook-id)", tag: "webhooks", access: .role(.admin),
            parameters: [idParameter, deliveryParameter], requestBody: emptyBody,
            responses: [
                json(202, "Queued: it is sent in order after its lead's earlier pending events.", "Redelivery")
            ],
            handler: WebhookHandlers.redeliverOne),
        withErrors(
            [422],
            APIRoute(
                .post, "/v1/webhooks/{id}/redeliver", operationId: "redeliverWebhooks",
                summary: "Deliver again every event made since a time", tag: "webhooks", access: .role(.admin),
                parameters: [
                    idParameter,
                    APIParameter(
                        "since", in: .query, "An ISO-8601 time (UTC, with Z): events made at or after it.",
                        schema: .string(format: "date-time")),
                ], requestBody: emptyBody,
                responses: [json(202, "How many deliveries were queued again.", "Redelivery")],
                handler: WebhookHandlers.redeliverSince)),
    ]
}
