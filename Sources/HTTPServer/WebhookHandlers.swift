import CampaignCore
import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// The webhook routes' handlers: parse, call ``WebhookSubscriptions``, answer JSON (a secret only on creation and
/// rotation).
enum WebhookHandlers {
    static let fields: Set<String> = ["url", "events", "enabled"]

    static func list(_ call: RouteCall) async throws -> RouteReply {
        let page = try await call.services.webhooks.list(
            orgId: try call.orgId, afterId: try PageCursor.decode(call.query("cursor"), kind: "w", count: 1)?.first,
            limit: try call.limit())
        return JSONBody.response(
            Representations.list(page.items.map(webhook), next: page.next.map { PageCursor.encode("w", [$0]) }))
    }

    static func create(_ call: RouteCall) async throws -> RouteReply {
        let created = try await call.services.webhooks.create(orgId: try call.orgId, draft: try draft(call))
        return JSONBody.response(
            withSecret(created), status: .created,
            headers: [.location: "/v1/webhooks/\(created.subscription.id)"])
    }

    static func get(_ call: RouteCall) async throws -> RouteReply {
        JSONBody.response(
            webhook(
                try await call.services.webhooks.subscription(orgId: try call.orgId, id: try call.id(of: "webhook"))))
    }

    static func update(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "webhook")
        _ = try await call.services.webhooks.subscription(orgId: try call.orgId, id: id)
        let updated = try await call.services.webhooks.update(orgId: try call.orgId, id: id, draft: try draft(call))
        return JSONBody.response(webhook(updated))
    }

    static func delete(_ call: RouteCall) async throws -> RouteReply {
        try await call.services.webhooks.delete(orgId: try call.orgId, id: try call.id(of: "webhook"))
        return CatalogHandlers.noContent
    }

    static func rotate(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "webhook")
        _ = try await call.services.webhooks.subscription(orgId: try call.orgId, id: id)
        _ = try JSONBody.object(call.body, allowed: [])
        return JSONBody.response(
            withSecret(try await call.services.webhooks.rotateSecret(orgId: try call.orgId, id: id)))
    }

    static func deliveries(_ call: RouteCall) async throws -> RouteReply {
        let page = try await call.services.webhooks.deliveries(
            orgId: try call.orgId, id: try call.id(of: "webhook"),
            beforeEventId: try PageCursor.decode(call.query("cursor"), kind: "d", count: 1)?.first,
            limit: try call.limit())
        return JSONBody.response(
            Representations.list(page.items.map(delivery), next: page.next.map { PageCursor.encode("d", [$0]) }))
    }

    static func redeliverOne(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "webhook")
        let delivery = try call.id("delivery", of: "delivery")
        _ = try await call.services.webhooks.subscription(orgId: try call.orgId, id: id)
        _ = try JSONBody.object(call.body, allowed: [])
        try await call.services.webhooks.redeliver(orgId: try call.orgId, id: id, deliveryId: delivery)
        return JSONBody.response(.object(["queued": .number(1)]), status: .accepted)
    }

    static func redeliverSince(_ call: RouteCall) async throws -> RouteReply {
        let id = try call.id(of: "webhook")
        _ = try await call.services.webhooks.subscription(orgId: try call.orgId, id: id)
        guard let text = call.query("since") else {
            throw Problem.badField("since", "is required: an ISO-8601 time such as 2026-03-03T09:00:00Z")
        }
        guard let since = ISOTime.parse(text) else {
            throw Problem(
                .unprocessableContent, "since: '\(text)' is not an ISO-8601 time such as 2026-03-03T09:00:00Z",
                errors: [FieldProblem(field: "since", detail: "'\(text)' is not an ISO-8601 time")])
        }
        _ = try JSONBody.object(call.body, allowed: [])
        let count = try await call.services.webhooks.redeliver(orgId: try call.orgId, id: id, since: since)
        return JSONBody.response(.object(["queued": .number(Double(count))]), status: .accepted)
    }

    /// The request's subscription, every field checked for its type (the use case checks the values).
    static func draft(_ call: RouteCall) throws -> WebhookDraft {
        let body = try JSONBody.object(call.body, allowed: fields)
        guard let url = try CatalogJSON.string(body, "url") else { throw CatalogJSON.missing("url") }
        var events: [String] = []
        switch body["events"] {
        case .array(let values)?:
            for (index, value) in values.enumerated() {
                guard case .string(let name) = value else {
                    throw CatalogJSON.wrongType("events[\(index)]", "a string", value)
                }
                events.append(name)
            }
        case nil: throw CatalogJSON.missing("events")
        case let other?: throw CatalogJSON.wrongType("events", "an array of event names", other)
        }
        return WebhookDraft(url: url, events: events, enabled: try CatalogJSON.bool(body, "enabled") ?? true)
    }

    static func webhook(_ subscription: WebhookSubscription) -> JSONValue {
        .object([
            "id": .number(Double(subscription.id)),
            "url": .string(subscription.url),
            "events": .array(subscription.events.map(JSONValue.string)),
            "enabled": .bool(subscription.enabled),
            "disabled": .bool(subscription.disabledAt != nil),
            "disabledAt": Representations.time(subscription.disabledAt),
            "failingSince": Representations.time(subscription.failingSince),
            "lastSuccessAt": Representations.time(subscription.lastSuccessAt),
            "previousSecretUntil": Representations.time(subscription.previousSecretUntil),
            "createdAt": Representations.time(subscription.createdAt),
        ])
    }

    static func withSecret(_ created: WebhookSubscriptions.Created) -> JSONValue {
        guard case .object(var fields) = webhook(created.subscription) else { return .null }
        fields["secret"] = .string(created.secret)
        return .object(fields)
    }

    static func delivery(_ delivery: WebhookDelivery) -> JSONValue {
        .object([
            "id": .number(Double(delivery.id)),
            "webhookId": .string(WebhookSender.messageId(delivery.eventId)),
            "eventId": .number(Double(delivery.eventId)),
            "type": .string(delivery.type),
            "state": .string(delivery.state),
            "nextAttemptAt": Representations.time(delivery.nextAttemptAt),
            "createdAt": Representations.time(delivery.createdAt),
            "attempts": .array(
                delivery.attempts.map { attempt in
                    .object([
                        "at": Representations.time(attempt.at),
                        "statusCode": attempt.statusCode.map { .number(Double($0)) } ?? .null,
                        "latencyMs": .number(Double(attempt.latencyMs)),
                        "responseBody": .string(attempt.responseBody),
                        "error": attempt.error.map(JSONValue.string) ?? .null,
                    ])
                }),
        ])
    }
}
