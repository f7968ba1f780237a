import CampaignCore
import CampaignStore
import Foundation
import Synchronization

@testable import OutboundApp

/// A webhook endpoint in memory: records every request and answers what `answer` says.
final class RecordingTransport: WebhookTransport {
    struct Request: Sendable {
        let address: String
        let headers: [String: String]
        let body: [UInt8]

        var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: Data(body))) ?? .null }
        var contactId: String? {
            guard case .object(let top) = json, case .object(let data)? = top["data"],
                case .string(let id)? = data["contactId"]
            else { return nil }
            return id
        }
    }

    let requests = Mutex<[Request]>([])
    let answer: @Sendable (Request) -> WebhookAnswer

    init(answer: @escaping @Sendable (Request) -> WebhookAnswer = { _ in WebhookAnswer(statusCode: 204) }) {
        self.answer = answer
    }

    func post(
        url: WebhookURL, address: String, headers: [(String, String)], body: [UInt8], timeout: Duration
    ) async
        -> WebhookAnswer
    {
        let request = Request(
            address: address, headers: Dictionary(headers, uniquingKeysWith: { first, _ in first }), body: body)
        requests.withLock { $0.append(request) }
        return answer(request)
    }

    func shutdown() async {}

    var all: [Request] { requests.withLock { $0 } }
}

/// A resolver answering fixed addresses.
struct FixedResolver: WebhookResolver {
    let answers: [String: [String]]

    func addresses(of host: String) async throws -> [String] {
        if let found = answers[host] { return found }
        if WebhookAddress.parse(host) != nil { return [host] }
        throw WebhookDeliveryError("could not resolve \(host)")
    }
}

extension JSONValue {
    /// The value under `key` of an object.
    subscript(_ key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields[key]
    }

    /// A whole-number value.
    var int: Int64? {
        guard case .number(let number) = self else { return nil }
        return Int64(exactly: number)
    }
}

/// A store whose process "crashes" between the endpoint's answer and its record: every call is the real store's,
/// except that recording attempts throws before anything is written (as a process killed before the commit).
struct CrashBeforeRecordStore: WebhookStore {
    struct Crash: Error {}
    let store: any WebhookStore

    func createWebhook(
        orgId: Int64, draft: WebhookDraft, secret: String, now: Date
    ) async throws
        -> WebhookSubscription
    {
        try await store.createWebhook(orgId: orgId, draft: draft, secret: secret, now: now)
    }
    func webhooks(orgId: Int64, afterId: Int64?, limit: Int) async throws -> [WebhookSubscription] {
        try await store.webhooks(orgId: orgId, afterId: afterId, limit: limit)
    }
    func webhook(orgId: Int64, id: Int64) async throws -> WebhookSubscription? {
        try await store.webhook(orgId: orgId, id: id)
    }
    func updateWebhook(orgId: Int64, id: Int64, draft: WebhookDraft, now: Date) async throws -> WebhookSubscription {
        try await store.updateWebhook(orgId: orgId, id: id, draft: draft, now: now)
    }
    func deleteWebhook(orgId: Int64, id: Int64, now: Date) async throws {
        try await store.deleteWebhook(orgId: orgId, id: id, now: now)
    }
    func rotateWebhookSecret(
        orgId: Int64, id: Int64, secret: String, overlapUntil: Date, now: Date
    ) async throws
        -> WebhookSubscription
    {
        try await store.rotateWebhookSecret(orgId: orgId, id: id, secret: secret, overlapUntil: overlapUntil, now: now)
    }
    func activeWebhooks() async throws -> [WebhookSubscription] { try await store.activeWebhooks() }
    func fanOutWebhookEvents(webhookId: Int64, limit: Int, now: Date, gapWait: TimeInterval) async throws -> Int {
        try await store.fanOutWebhookEvents(webhookId: webhookId, limit: limit, now: now, gapWait: gapWait)
    }
    func dueWebhookDeliveries(webhookId: Int64, now: Date, limit: Int) async throws -> [WebhookDue] {
        try await store.dueWebhookDeliveries(webhookId: webhookId, now: now, limit: limit)
    }
    func recordWebhookAttempts(
        webhookId: Int64, _ results: [WebhookAttemptResult], disableBefore: Date, now: Date
    )
        async throws -> Bool
    {
        throw Crash()
    }
    func recordWebhookAttemptsAndFanOut(
        webhookId: Int64, _ results: [WebhookAttemptResult], disableBefore: Date, now: Date, fanOutLimit: Int,
        gapWait: TimeInterval
    ) async throws -> (disabled: Bool, queued: Int) {
        throw Crash()
    }
    func webhookDeliveries(
        orgId: Int64, webhookId: Int64, beforeId: Int64?, limit: Int
    ) async throws
        -> [WebhookDelivery]
    {
        try await store.webhookDeliveries(orgId: orgId, webhookId: webhookId, beforeId: beforeId, limit: limit)
    }
    func redeliverWebhook(orgId: Int64, webhookId: Int64, deliveryId: Int64, now: Date) async throws -> Bool {
        try await store.redeliverWebhook(orgId: orgId, webhookId: webhookId, deliveryId: deliveryId, now: now)
    }
    func redeliverWebhooks(orgId: Int64, webhookId: Int64, since: Date, now: Date) async throws -> Int {
        try await store.redeliverWebhooks(orgId: orgId, webhookId: webhookId, since: since, now: now)
    }
}
