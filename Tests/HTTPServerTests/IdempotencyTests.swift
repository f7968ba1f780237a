import CampaignCore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Idempotency-Key on POST and PUT: a retry does nothing twice")
struct IdempotencyTests {
    static let key = HTTPField.Name("Idempotency-Key")!

    @Test("a retried create answers the first reply, marked replayed, and creates one campaign")
    func retriedCreate() async throws {
        try await APIHarness.run { harness, client in
            let headers: HTTPFields = [Self.key: "create-1"]
            let body = CampaignRoutesTests.document
            let first = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness, json: body, headers: headers)
            let again = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness, json: body, headers: headers)
            #expect(first.status == .created && again.status == .created)
            #expect(again.json == first.json)
            #expect(
                again.headers[.location] == first.headers[.location] && again.headers[.eTag] == first.headers[.eTag])
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let list = try await client.send(.get, "/v1/campaigns", as: "a.admin", harness: harness)
            #expect(list.json["items"]?.items.count == 2)
            let other = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness,
                json: body.replacingOccurrences(of: "Q2", with: "Q3"), headers: headers)
            #expect(other.status == .unprocessableContent)
            #expect(other.json["errors"]?.items.first?["field"]?.string == "Idempotency-Key")
            let foreign = try await client.send(
                .post, "/v1/campaigns", as: "b.admin", harness: harness, json: body, headers: headers)
            #expect(foreign.status == .created && foreign.json["id"] != first.json["id"])
        }
    }

    @Test("a retried action replays its reply instead of answering 409; a failed request can be retried")
    func retriedAction() async throws {
        try await APIHarness.run { harness, client in
            let uri = "/v1/campaigns/\(harness.campaignA)/pause"
            let headers: HTTPFields = [Self.key: "pause-1"]
            let first = try await client.send(.post, uri, as: "a.operator", harness: harness, headers: headers)
            let again = try await client.send(.post, uri, as: "a.operator", harness: harness, headers: headers)
            #expect(first.status == .ok && again.status == .ok && again.json["status"]?.string == "paused")
            let plain = try await client.send(.post, uri, as: "a.operator", harness: harness)
            #expect(plain.status == .conflict)
            let invalid = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness, json: "{}", headers: [Self.key: "bad-1"])
            #expect(invalid.status == .unprocessableContent)
            let fixed = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness, json: "{}", headers: [Self.key: "bad-1"])
            #expect(
                fixed.status == .unprocessableContent && fixed.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
            for bad in ["", String(repeating: "k", count: 256), "with space"] {
                let response = try await client.send(
                    .post, uri, as: "a.operator", harness: harness, headers: [Self.key: bad])
                #expect(response.status == .badRequest, "\(bad.prefix(20))")
            }
        }
    }
}
