import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Synchronization

/// How the sender delivers.
public struct WebhookSenderSettings: Sendable {
    /// Retry delays after failures.
    public var schedule: WebhookRetrySchedule = .standard
    /// Plain http and private addresses allowed (`serve --allow-private-webhooks`).
    public var allowPrivate = false
    /// Requests in flight to one endpoint at most.
    public var concurrencyPerEndpoint = 16
    /// Deliveries taken per round of an endpoint.
    public var batchSize = 256
    /// Events queued into the outbox per round at most (the fan-out's share of a round's write transaction).
    public var fanOutLimit = 2000
    /// How long an answer may take.
    public var timeout: Duration = .seconds(10)
    /// An endpoint without a success for this long is disabled.
    public var disableAfter: TimeInterval = 5 * 24 * 3600
    /// How long an idle endpoint waits before looking for new events again.
    public var pollInterval: TimeInterval = 0.2
    /// How long the fan-out waits for an event id it passed before that id's transaction committed (several nodes
    /// on PostgreSQL); longer than any transaction that writes events.
    public var gapWait: TimeInterval = 300
    /// Whether rounds run on ``WebhookThreads`` (lower scheduling priority than the engine) rather than the shared
    /// pool.
    public var lowPriority = true
    /// Whether the server runs the sender at all (off: deliveries wait in the outbox, for API conformance runs that
    /// subscribe made-up URLs).
    public var sends = true

    /// The defaults.
    public init() {}
}

/// Delivers one subscription's events (SPEC §13): queues new events, takes the due head of each lead's queue,
/// checks the endpoint's resolved address, posts each event signed as Standard Webhooks say (several at once, at
/// most ``WebhookSenderSettings/concurrencyPerEndpoint``), and records every attempt with its retry or success, on
/// the injected clock.
public struct WebhookSender: Sendable {
    let store: any WebhookStore
    let transport: any WebhookTransport
    let resolver: any WebhookResolver
    let clock: any DialerClock
    let settings: WebhookSenderSettings
    let random: @Sendable () -> Double

    /// A sender; `random` (0..<1) chooses the retry jitter.
    public init(
        store: any WebhookStore, transport: any WebhookTransport,
        resolver: any WebhookResolver = SystemWebhookResolver(),
        clock: any DialerClock, settings: WebhookSenderSettings = WebhookSenderSettings(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.transport = transport
        self.resolver = resolver
        self.clock = clock
        self.settings = settings
        self.random = random
    }

    /// What one round did.
    public struct Round: Sendable, Equatable {
        /// Events read into the outbox.
        public var queued: Int
        /// Attempts made.
        public var attempted: Int
        /// Whether the subscription was disabled by this round.
        public var disabled: Bool
    }

    /// One round for `subscription`: fan out, then try what is due.
    public func round(_ subscription: WebhookSubscription) async throws -> Round {
        guard settings.lowPriority else { return try await deliver(subscription) }
        return try await withTaskExecutorPreference(WebhookThreads.executor) { try await deliver(subscription) }
    }

    /// Tries the due heads, then records the attempts and fans out what is new in one delivery transaction (the
    /// events queued then are tried next round); with nothing due, fans out first. A crash before that transaction
    /// commits leaves the deliveries as they were: tried again, with the same `webhook-id`.
    private func deliver(_ subscription: WebhookSubscription) async throws -> Round {
        var due = try await store.dueWebhookDeliveries(
            webhookId: subscription.id, now: clock.now(), limit: settings.batchSize)
        var queued = 0
        if due.isEmpty {
            queued = try await store.fanOutWebhookEvents(
                webhookId: subscription.id, limit: fanOutLimit, now: clock.now(), gapWait: settings.gapWait)
            if queued > 0 {
                due = try await store.dueWebhookDeliveries(
                    webhookId: subscription.id, now: clock.now(), limit: settings.batchSize)
            }
        }
        guard !due.isEmpty else {
            // Nothing left to try (every failing delivery given up) still counts towards the 5 days without success.
            let now = clock.now()
            let disableBefore = now.addingTimeInterval(-settings.disableAfter)
            guard let failing = subscription.failingSince, failing < disableBefore else {
                return Round(queued: queued, attempted: 0, disabled: false)
            }
            let disabled = try await store.recordWebhookAttempts(
                webhookId: subscription.id, [], disableBefore: disableBefore, now: now)
            return Round(queued: queued, attempted: 0, disabled: disabled)
        }
        let results = await attempt(due, for: subscription)
        let now = clock.now()
        let recorded = try await store.recordWebhookAttemptsAndFanOut(
            webhookId: subscription.id, results, disableBefore: now.addingTimeInterval(-settings.disableAfter),
            now: now, fanOutLimit: fanOutLimit, gapWait: settings.gapWait)
        return Round(queued: queued + recorded.queued, attempted: results.count, disabled: recorded.disabled)
    }

    /// Events read into the outbox per round at most.
    private var fanOutLimit: Int { settings.fanOutLimit }

    /// Tries each delivery once and says how each went.
    func attempt(_ due: [WebhookDue], for subscription: WebhookSubscription) async -> [WebhookAttemptResult] {
        let address: Result<(WebhookURL, String), WebhookDeliveryError> = await endpoint(subscription)
        return await withTaskGroup(of: WebhookAttemptResult.self) { group in
            var results: [WebhookAttemptResult] = []
            var next = due.makeIterator()
            var running = 0
            while true {
                while running < max(1, settings.concurrencyPerEndpoint), let delivery = next.next() {
                    running += 1
                    group.addTask { await self.send(delivery, to: address, subscription: subscription) }
                }
                guard let result = await group.next() else { break }
                running -= 1
                results.append(result)
            }
            return results
        }
    }

    /// The URL checked again and its host resolved: the first address that passes (every one must when private
    /// addresses are refused, so a name that also resolves to a private address is refused whole).
    func endpoint(_ subscription: WebhookSubscription) async -> Result<(WebhookURL, String), WebhookDeliveryError> {
        let url: WebhookURL
        switch WebhookURL.check(subscription.url, allowPrivate: settings.allowPrivate) {
        case .success(let checked): url = checked
        case .failure(let error): return .failure(WebhookDeliveryError("url \(error.detail)"))
        }
        let addresses: [String]
        do {
            addresses = try await resolver.addresses(of: url.host)
        } catch {
            return .failure(WebhookDeliveryError(String(describing: error)))
        }
        guard let first = addresses.first else { return .failure(WebhookDeliveryError("\(url.host) has no address")) }
        if !settings.allowPrivate {
            for address in addresses {
                if let refused = WebhookAddress.refusal(literal: address) {
                    return .failure(
                        WebhookDeliveryError("\(url.host) resolves to \(address), a \(refused) address: refused"))
                }
            }
        }
        return .success((url, first))
    }

    func send(
        _ delivery: WebhookDue, to endpoint: Result<(WebhookURL, String), WebhookDeliveryError>,
        subscription: WebhookSubscription
    ) async -> WebhookAttemptResult {
        let at = clock.now()
        let answer: WebhookAnswer
        let started = ContinuousClock.now
        switch endpoint {
        case .failure(let error):
            answer = WebhookAnswer(statusCode: nil, error: error.description)
        case .success(let (url, address)):
            let body = Self.body(delivery)
            let id = Self.messageId(delivery.eventId)
            let timestamp = Int64(at.timeIntervalSince1970)
            let headers = [
                ("content-type", "application/json"), ("user-agent", "Outbound-Webhooks/1"), ("webhook-id", id),
                ("webhook-timestamp", String(timestamp)),
                (
                    "webhook-signature",
                    WebhookSignature.header(
                        secrets: subscription.signingSecrets(at: at), id: id, timestamp: timestamp, body: body)
                ),
            ]
            answer = await transport.post(
                url: url, address: address, headers: headers, body: body, timeout: settings.timeout)
        }
        let elapsed = ContinuousClock.now - started
        let latency = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        var result = WebhookAttemptResult(
            deliveryId: delivery.deliveryId, at: at, statusCode: answer.statusCode, latencyMs: latency,
            responseBody: answer.body, error: answer.error)
        if !result.succeeded {
            if result.error == nil, let status = answer.statusCode { result.error = "answered \(status)" }
            result.retryAt = settings.schedule.nextAttempt(
                after: delivery.failures + 1, at: clock.now(), random: random())
        }
        return result
    }

    /// The `webhook-id` of an event: the same on every delivery of it.
    public static func messageId(_ eventId: Int64) -> String { "evt_\(eventId)" }

    /// The body: `{"type", "timestamp", "data"}`, keys sorted (the bytes `JSONEncoder` writes with `.sortedKeys`
    /// and `.withoutEscapingSlashes`, written directly).
    public static func body(_ delivery: WebhookDue) -> [UInt8] {
        let value: JSONValue = .object([
            "type": .string(delivery.type), "timestamp": .string(ISOTime.format(delivery.createdAt)),
            "data": delivery.data,
        ])
        return value.jsonBytes
    }
}
