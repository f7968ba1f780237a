import CampaignCore
import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HTTPServer

@Suite("/v1/webhooks: subscriptions, secrets shown once, SSRF refusals, the delivery log")
struct WebhookRoutesTests {
    static let body = #"{"url":"https://hooks.example.com/in","events":["campaign.lead.updated","call.ended"]}"#

    @Test("an admin subscribes: 201 with the whsec_ secret once; reads never show it; the change is audited")
    func createAndRead() async throws {
        try await APIHarness.run { harness, client in
            let created = try await client.send(.post, "/v1/webhooks", as: "a.admin", harness: harness, json: Self.body)
            #expect(created.status == .created)
            let secret = try #require(created.json["secret"]?.string)
            #expect(secret.hasPrefix("whsec_") && Data(base64Encoded: String(secret.dropFirst(6)))?.count == 32)
            let id = try #require(created.json["id"]?.int)
            #expect(created.headers[.location] == "/v1/webhooks/\(id)")
            let read = try await client.send(.get, "/v1/webhooks/\(id)", as: "a.admin", harness: harness)
            #expect(read.status == .ok && read.json["secret"] == nil && !read.text.contains(secret))
            #expect(read.json["enabled"] == .bool(true) && read.json["events"]?.items.count == 2)
            let list = try await client.send(.get, "/v1/webhooks", as: "a.admin", harness: harness)
            #expect(list.json["items"]?.items.count == 2 && !list.text.contains(secret))
            let rotated = try await client.send(
                .post, "/v1/webhooks/\(id)/rotate-secret", as: "a.admin", harness: harness, json: "{}")
            #expect(rotated.status == .ok)
            let newSecret = try #require(rotated.json["secret"]?.string)
            #expect(newSecret != secret && rotated.json["previousSecretUntil"]?.string != nil)
            let off = try await client.send(
                .put, "/v1/webhooks/\(id)", as: "a.admin", harness: harness,
                json: #"{"url":"https://hooks.example.com/v2","events":["call.ended"],"enabled":false}"#)
            #expect(
                off.status == .ok && off.json["enabled"] == .bool(false)
                    && off.json["url"]?.string?.hasSuffix("v2") == true)
            let audit = try await harness.store.auditEntries(
                orgId: harness.orgA, filter: AuditFilter(actionPrefix: "webhook."), beforeId: nil, limit: 10)
            #expect(Set(audit.map(\.action)) == ["webhook.create", "webhook.rotate-secret", "webhook.edit"])
            #expect(
                !audit.contains { $0.detail.values.contains { $0.contains("whsec_") } }, "no secret in the audit log")
            let log = try await client.send(.get, "/v1/webhooks/\(id)/deliveries", as: "a.admin", harness: harness)
            #expect(log.status == .ok && log.json["items"]?.items.isEmpty == true)
            let redeliver = try await client.send(
                .post, "/v1/webhooks/\(id)/redeliver?since=2026-03-03T00:00:00Z", as: "a.admin", harness: harness,
                json: "{}")
            #expect(redeliver.status == .accepted && redeliver.json["queued"]?.int == 0)
            let missing = try await client.send(
                .post, "/v1/webhooks/\(id)/deliveries/99/redeliver", as: "a.admin", harness: harness, json: "{}")
            #expect(missing.status == .notFound)
            let deleted = try await client.send(.delete, "/v1/webhooks/\(id)", as: "a.admin", harness: harness)
            #expect(deleted.status == .noContent)
            let gone = try await client.send(.get, "/v1/webhooks/\(id)", as: "a.admin", harness: harness)
            #expect(gone.status == .notFound)
        }
    }

    @Test(
        "http, loopback, private, metadata and unknown events are refused with 422 naming the field, writing nothing",
        arguments: [
            (#"{"url":"http://hooks.example.com/","events":["call.ended"]}"#, "url"),
            (#"{"url":"https://127.0.0.1:8080/","events":["call.ended"]}"#, "url"),
            (#"{"url":"https://169.254.169.254/latest","events":["call.ended"]}"#, "url"),
            (#"{"url":"https://[::ffff:10.0.0.1]/","events":["call.ended"]}"#, "url"),
            (#"{"url":"https://172.20.1.1/","events":["call.ended"]}"#, "url"),
            (#"{"url":"https://hooks.example.com/","events":["lead.whatever"]}"#, "events[0]"),
            (#"{"url":"https://hooks.example.com/","events":[]}"#, "events"),
        ])
    func refused(_ body: String, _ field: String) async throws {
        try await APIHarness.run { harness, client in
            let response = try await client.send(.post, "/v1/webhooks", as: "a.admin", harness: harness, json: body)
            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(response.json["errors"]?.items.first?["field"]?.string == field, "\(response.text)")
            #expect(
                try await harness.store.webhooks(orgId: harness.orgA, afterId: nil, limit: 10).map(\.id) == [
                    harness.webhookA
                ])
        }
    }

    @Test("operators may not subscribe; another organisation's subscription is not found")
    func access() async throws {
        try await APIHarness.run { harness, client in
            let denied = try await client.send(
                .post, "/v1/webhooks", as: "a.operator", harness: harness, json: Self.body)
            #expect(denied.status == .forbidden)
            let created = try await client.send(.post, "/v1/webhooks", as: "a.admin", harness: harness, json: Self.body)
            let id = try #require(created.json["id"]?.int)
            for (method, path) in [
                (HTTPRequest.Method.get, "/v1/webhooks/\(id)"), (.delete, "/v1/webhooks/\(id)"),
                (.get, "/v1/webhooks/\(id)/deliveries"),
            ] {
                let foreign = try await client.send(method, path, as: "b.admin", harness: harness)
                #expect(foreign.status == .notFound, "\(method) \(path)")
            }
            let foreignList = try await client.send(.get, "/v1/webhooks", as: "b.admin", harness: harness)
            #expect(foreignList.json["items"]?.items.isEmpty == true)
        }
    }

    @Test("the OpenAPI document describes each event's payload in its 3.1 webhooks section")
    func openAPIWebhooks() async throws {
        try await APIHarness.run { harness, client in
            let document = try await client.send(.get, "/openapi.json", as: nil, harness: harness).json
            let webhooks = try #require(document["webhooks"])
            for type in ChangeEventData.types { #expect(webhooks[type]?["post"] != nil, "\(type)") }
            #expect(document["paths"]?["/v1/webhooks/{id}/rotate-secret"] != nil)
        }
    }
}
