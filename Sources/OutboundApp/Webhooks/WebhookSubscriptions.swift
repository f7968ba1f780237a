import CampaignCore
import CampaignStore
import Foundation

/// The webhook subscription use cases (SPEC §13), scoped to one organisation: the URL checked (https and a public
/// address unless `allowPrivate`), the events named, a `whsec_` secret generated and answered only on creation and
/// rotation; the delivery log and redelivery.
public struct WebhookSubscriptions: Sendable {
    let store: any WebhookStore
    let allowPrivate: Bool
    let now: @Sendable () -> Date

    /// How long a rotated-out secret keeps signing.
    public static let rotationOverlap: TimeInterval = 24 * 3600

    /// Use cases over `store` on the clock `now`; `allowPrivate` (`serve --allow-private-webhooks`) lets plain http
    /// and private addresses through.
    public init(store: any WebhookStore, allowPrivate: Bool, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.allowPrivate = allowPrivate
        self.now = now
    }

    /// A subscription and its secret, which is shown this once.
    public struct Created: Sendable {
        /// The subscription.
        public var subscription: WebhookSubscription
        /// Its `whsec_` secret.
        public var secret: String
    }

    /// Checks a draft: the URL, and events that are known, not repeated, at least one.
    public func check(_ draft: WebhookDraft) throws -> WebhookDraft {
        var problems: [FieldProblem] = []
        var checked = draft
        switch WebhookURL.check(draft.url, allowPrivate: allowPrivate) {
        case .success(let url): checked.url = url.text
        case .failure(let error): problems.append(FieldProblem(field: "url", detail: error.detail))
        }
        if draft.events.isEmpty {
            problems.append(FieldProblem(field: "events", detail: "name at least one event"))
        }
        for (index, event) in draft.events.enumerated() where !ChangeEventData.types.contains(event) {
            problems.append(
                FieldProblem(
                    field: "events[\(index)]",
                    detail: "'\(event)' is not one of \(ChangeEventData.types.joined(separator: ", "))"))
        }
        if Set(draft.events).count != draft.events.count {
            problems.append(FieldProblem(field: "events", detail: "names an event twice"))
        }
        guard problems.isEmpty else { throw ServerFailure.invalid(problems) }
        return checked
    }

    /// Creates a subscription with a new secret.
    public func create(orgId: Int64, draft: WebhookDraft) async throws -> Created {
        let checked = try check(draft)
        var generator = SystemRandomNumberGenerator()
        let secret = WebhookSignature.newSecret(using: &generator)
        let subscription = try await store.createWebhook(orgId: orgId, draft: checked, secret: secret, now: now())
        return Created(subscription: subscription, secret: secret)
    }

    /// A page of subscriptions by id.
    public func list(
        orgId: Int64, afterId: Int64?, limit: Int
    ) async throws
        -> CatalogPage<WebhookSubscription, Int64>
    {
        let found = try await store.webhooks(orgId: orgId, afterId: afterId, limit: limit + 1)
        return CatalogPage(found: found, limit: limit, key: \.id)
    }

    /// One subscription.
    public func subscription(orgId: Int64, id: Int64) async throws -> WebhookSubscription {
        guard let found = try await store.webhook(orgId: orgId, id: id) else {
            throw ServerFailure.notFound("webhook \(id) not found")
        }
        return found
    }

    /// Replaces URL, events and the switch.
    public func update(orgId: Int64, id: Int64, draft: WebhookDraft) async throws -> WebhookSubscription {
        _ = try await subscription(orgId: orgId, id: id)
        return try await store.updateWebhook(orgId: orgId, id: id, draft: try check(draft), now: now())
    }

    /// Deletes a subscription with its log.
    public func delete(orgId: Int64, id: Int64) async throws {
        _ = try await subscription(orgId: orgId, id: id)
        try await store.deleteWebhook(orgId: orgId, id: id, now: now())
    }

    /// A new secret; the old one signs alongside it for ``rotationOverlap``.
    public func rotateSecret(orgId: Int64, id: Int64) async throws -> Created {
        _ = try await subscription(orgId: orgId, id: id)
        var generator = SystemRandomNumberGenerator()
        let secret = WebhookSignature.newSecret(using: &generator)
        let at = now()
        let subscription = try await store.rotateWebhookSecret(
            orgId: orgId, id: id, secret: secret, overlapUntil: at.addingTimeInterval(Self.rotationOverlap), now: at)
        return Created(subscription: subscription, secret: secret)
    }

    /// A page of deliveries, newest event first, with their attempts.
    public func deliveries(
        orgId: Int64, id: Int64, beforeEventId: Int64?, limit: Int
    ) async throws
        -> CatalogPage<WebhookDelivery, Int64>
    {
        _ = try await subscription(orgId: orgId, id: id)
        let found = try await store.webhookDeliveries(
            orgId: orgId, webhookId: id, beforeId: beforeEventId, limit: limit + 1)
        return CatalogPage(found: found, limit: limit, key: \.eventId)
    }

    /// Queues one delivery again.
    public func redeliver(orgId: Int64, id: Int64, deliveryId: Int64) async throws {
        _ = try await subscription(orgId: orgId, id: id)
        guard try await store.redeliverWebhook(orgId: orgId, webhookId: id, deliveryId: deliveryId, now: now()) else {
            throw ServerFailure.notFound("delivery \(deliveryId) of webhook \(id) not found")
        }
    }

    /// Queues again every delivery of an event made since `since`; how many.
    public func redeliver(orgId: Int64, id: Int64, since: Date) async throws -> Int {
        _ = try await subscription(orgId: orgId, id: id)
        return try await store.redeliverWebhooks(orgId: orgId, webhookId: id, since: since, now: now())
    }
}
