import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// `/webhooks`: the organisation's subscriptions (add with the secret shown once, rotate, switch on and off, delete)
/// and each one's delivery log with redelivery, through the same use cases and role checks as `/v1/webhooks`. Plain
/// forms: nothing needs JavaScript.
enum WebhookPages {
    static func add(to router: Router<ServerRequestContext>, services: ServerServices) {
        DashboardPages.page(router, "/webhooks", services) { request, _, user in
            try await list(request, user: user, services: services, secret: nil)
        }
        DashboardPages.action(router, "/webhooks", services, operation: { _ in "createWebhook" }) { fields, _, user in
            let events = ChangeEventData.types.filter { fields["event.\($0)"] != nil }
            let created = try await services.webhooks.create(
                orgId: user.orgId, draft: WebhookDraft(url: fields["url"] ?? "", events: events))
            return try await list(
                nil, user: user, services: services, secret: (created.subscription.id, created.secret))
        }
        DashboardPages.action(router, "/webhooks/{id}/rotate", services, operation: { _ in "rotateWebhookSecret" }) {
            _, context, user in
            let rotated = try await services.webhooks.rotateSecret(
                orgId: user.orgId, id: try DashboardPages.id(context))
            return try await list(
                nil, user: user, services: services, secret: (rotated.subscription.id, rotated.secret))
        }
        for (path, enabled) in [("enable", true), ("disable", false)] {
            DashboardPages.action(router, "/webhooks/{id}/\(path)", services, operation: { _ in "updateWebhook" }) {
                _, context, user in
                let id = try DashboardPages.id(context)
                let current = try await services.webhooks.subscription(orgId: user.orgId, id: id)
                _ = try await services.webhooks.update(
                    orgId: user.orgId, id: id,
                    draft: WebhookDraft(url: current.url, events: current.events, enabled: enabled))
                return DashboardView.redirect("/webhooks", notice: "Webhook \(id) switched \(enabled ? "on" : "off")")
            }
        }
        DashboardPages.action(router, "/webhooks/{id}/delete", services, operation: { _ in "deleteWebhook" }) {
            _, context, user in
            let id = try DashboardPages.id(context)
            try await services.webhooks.delete(orgId: user.orgId, id: id)
            return DashboardView.redirect("/webhooks", notice: "Webhook \(id) deleted")
        }
        DashboardPages.page(router, "/webhooks/{id}", services) { request, context, user in
            try await log(request, id: try DashboardPages.id(context), user: user, services: services)
        }
        DashboardPages.action(
            router, "/webhooks/{id}/deliveries/{delivery}/redeliver", services,
            operation: { _ in "redeliverWebhookDelivery" }
        ) { _, context, user in
            let id = try DashboardPages.id(context)
            try await services.webhooks.redeliver(
                orgId: user.orgId, id: id, deliveryId: try DashboardPages.id(context, "delivery"))
            return DashboardView.redirect("/webhooks/\(id)", notice: "Queued again")
        }
        DashboardPages.action(router, "/webhooks/{id}/redeliver", services, operation: { _ in "redeliverWebhooks" }) {
            fields, context, user in
            let id = try DashboardPages.id(context)
            let text = fields["since"] ?? ""
            guard let since = ISOTime.parse(text) else {
                throw ServerFailure.invalid([
                    FieldProblem(
                        field: "since", detail: "'\(text)' is not an ISO-8601 time such as 2026-03-03T09:00:00Z")
                ])
            }
            let count = try await services.webhooks.redeliver(orgId: user.orgId, id: id, since: since)
            return DashboardView.redirect("/webhooks/\(id)", notice: "\(count) deliveries queued again")
        }
    }

    /// The list; `secret` is a subscription's secret just made, shown this once.
    static func list(
        _ request: Request?, user: DashboardUser, services: ServerServices, secret: (Int64, String)?
    ) async throws -> Response {
        let canManage = user.may("createWebhook")
        let hooks = canManage ? try await services.webhooks.list(orgId: user.orgId, afterId: nil, limit: 500).items : []
        var context: [String: Any] = [
            "hooks": hooks.map { hook in
                [
                    "id": hook.id, "url": hook.url, "events": hook.events.joined(separator: ", "),
                    "enabled": hook.enabled, "disabledByServer": hook.disabledAt != nil,
                    "lastSuccess": hook.lastSuccessAt.map(ISOTime.format) ?? "never",
                    "failingSince": hook.failingSince.map(ISOTime.format) ?? "",
                ] as [String: Any]
            },
            "hasHooks": !hooks.isEmpty, "canManage": canManage,
            "eventTypes": ChangeEventData.types.map { ["name": $0] },
        ]
        if let secret { context["created"] = ["id": secret.0, "secret": secret.1] as [String: Any] }
        return DashboardView.page(
            "webhooks", title: "Webhooks", section: "/webhooks", user: user, request: request ?? AccessPages.fallback,
            context: context)
    }

    /// One subscription's delivery log, newest event first (`before` pages on).
    static func log(
        _ request: Request, id: Int64, user: DashboardUser, services: ServerServices
    ) async throws
        -> Response
    {
        guard user.may("listWebhookDeliveries") else { throw Problem(.forbidden, "only an admin sees webhooks") }
        let hook = try await services.webhooks.subscription(orgId: user.orgId, id: id)
        let before = request.uri.queryParameters["before"].flatMap { Int64(String($0)) }
        let page = try await services.webhooks.deliveries(orgId: user.orgId, id: id, beforeEventId: before, limit: 100)
        var context: [String: Any] = [
            "hook": ["id": hook.id, "url": hook.url, "enabled": hook.enabled] as [String: Any],
            "deliveries": page.items.map { delivery in
                [
                    "id": delivery.id, "hookId": id, "eventId": delivery.eventId, "type": delivery.type,
                    "state": delivery.state,
                    "created": ISOTime.format(delivery.createdAt),
                    "next": delivery.nextAttemptAt.map(ISOTime.format) ?? "",
                    "attempts": delivery.attempts.map { attempt in
                        [
                            "at": ISOTime.format(attempt.at),
                            "status": attempt.statusCode.map(String.init) ?? "—", "latency": attempt.latencyMs,
                            "error": attempt.error ?? "", "body": attempt.responseBody,
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
            "hasDeliveries": !page.items.isEmpty,
        ]
        if let next = page.next { context["next"] = next }
        return DashboardView.page(
            "webhook", title: "Webhook \(id)", section: "/webhooks", user: user, request: request, context: context)
    }
}
