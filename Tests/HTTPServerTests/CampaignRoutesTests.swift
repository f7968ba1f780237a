import CampaignCore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Campaign routes: create, read, list, edit under If-Match, lifecycle, clone, validate")
struct CampaignRoutesTests {
    static let document = """
        {"name": "Q2 Renewal Drive", "agent": {"name": "Zara", "greeting": "Hi {{NAME}}"},
         "numberPool": ["+14155550100"], "retry": {"maxAttempts": 2}}
        """

    @Test("POST /v1/campaigns answers 201 with id and status on top, an ETag and a Location")
    func create() async throws {
        try await APIHarness.run { harness, client in
            let response = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness, json: Self.document)
            #expect(response.status == .created)
            let id = try #require(response.json["id"]?.int)
            #expect(response.json["status"]?.string == "draft")
            #expect(response.json["settings"]?["retry"]?["maxAttempts"]?.int == 2)
            #expect(response.headers[.location] == "/v1/campaigns/\(id)")
            #expect(response.headers[.eTag] == response.json["etag"]?.string)
            let read = try await client.send(.get, "/v1/campaigns/\(id)", as: "a.viewer", harness: harness)
            #expect(read.status == .ok && read.json["name"]?.string == "Q2 Renewal Drive")
            #expect(read.json["counts"]?["total"]?.int == 0)
        }
    }

    @Test(
        "bad documents answer problem+json naming the field; nothing is created",
        arguments: [
            ("{not json", 400, ""),
            ("[1, 2]", 422, ""),
            (#"{"name": 5, "agent": {"name": "Z"}, "numberPool": ["+14155550100"]}"#, 422, "name"),
            (#"{"name": "X", "agent": {"name": "Z"}, "numberPool": ["+14155550100"], "colour": "red"}"#, 422, "colour"),
            (
                #"{"name": "X", "agent": {"name": "Z"}, "numberPool": ["+14155550100"], "retry": {"maxAttempts": 0}}"#,
                422,
                "retry.maxAttempts"
            ),
            (#"{"name": "X", "agent": {"name": "Z"}, "numberPool": []}"#, 422, "numberPool"),
        ])
    func badDocuments(body: String, status: Int, field: String) async throws {
        try await APIHarness.run { harness, client in
            let response = try await client.send(.post, "/v1/campaigns", as: "a.admin", harness: harness, json: body)
            #expect(response.status.code == status || (status == 422 && response.status.code == 400))
            #expect(response.headers[.contentType] == "application/problem+json")
            if !field.isEmpty { #expect(response.json["errors"]?.items.first?["field"]?.string == field) }
            let list = try await client.send(.get, "/v1/campaigns", as: "a.admin", harness: harness)
            #expect(list.json["items"]?.items.count == 1)
        }
    }

    @Test("a body over the route's limit answers 413, the wrong media type 415, a viewer 403")
    func bodyAndRoleChecks() async throws {
        try await APIHarness.run { harness, client in
            let huge = "{\"name\": \"" + String(repeating: "x", count: 1 << 21) + "\"}"
            let large = try await client.send(.post, "/v1/campaigns", as: "a.admin", harness: harness, json: huge)
            #expect(large.status == .contentTooLarge)
            let csv = try await client.executeRequest(
                uri: "/v1/campaigns", method: .post,
                headers: harness.auth("a.admin").merging([.contentType: "text/csv"]),
                body: ByteBuffer(string: Self.document))
            #expect(csv.status == .unsupportedMediaType)
            let viewer = try await client.send(
                .post, "/v1/campaigns", as: "a.viewer", harness: harness, json: Self.document)
            #expect(viewer.status == .forbidden)
        }
    }

    @Test("ids of the wrong type and unknown ids answer 404")
    func unknownIds() async throws {
        try await APIHarness.run { harness, client in
            for uri in [
                "/v1/campaigns/abc", "/v1/campaigns/0", "/v1/campaigns/-3", "/v1/campaigns/999999",
                "/v1/leads/9.5", "/v1/calls/999999", "/v1/nothing",
            ] {
                let response = try await client.send(.get, uri, as: "a.admin", harness: harness)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.json["status"]?.int == 404)
            }
        }
    }

    @Test("a method the path is not served with answers 405 with Allow; an empty cursor is the first page")
    func methodsAndEmptyCursor() async throws {
        try await APIHarness.run { harness, client in
            let trace = try await client.send(
                .delete, "/v1/campaigns/\(harness.campaignA)", as: "a.admin", harness: harness)
            #expect(trace.status == .methodNotAllowed && trace.headers[.allow] == "GET, PUT")
            let health = try await client.send(.post, "/healthz", as: nil, harness: harness)
            #expect(health.status == .methodNotAllowed && health.headers[.allow] == "GET")
            let validate = try await client.send(.get, "/v1/campaigns/validate", as: "a.admin", harness: harness)
            #expect(validate.status == .methodNotAllowed && validate.headers[.allow] == "POST")
            let first = try await client.send(.get, "/v1/campaigns?cursor=&name=", as: "a.admin", harness: harness)
            #expect(first.status == .ok && first.json["items"]?.items.count == 1)
        }
    }

    @Test("the list filters by status and name, pages with a cursor, and refuses unknown query parameters")
    func list() async throws {
        try await APIHarness.run { harness, client in
            for index in 0..<3 {
                _ = try await client.send(
                    .post, "/v1/campaigns", as: "a.admin", harness: harness,
                    json: Self.document.replacingOccurrences(of: "Q2 Renewal Drive", with: "Drive \(index)"))
            }
            let drafts = try await client.send(.get, "/v1/campaigns?status=draft", as: "a.admin", harness: harness)
            #expect(drafts.json["items"]?.items.count == 3)
            let named = try await client.send(.get, "/v1/campaigns?name=drive%201", as: "a.admin", harness: harness)
            #expect(named.json["items"]?.items.map { $0["name"]?.string } == ["Drive 1"])
            var seen: [Int64] = []
            var uri = "/v1/campaigns?limit=2"
            while true {
                let page = try await client.send(.get, uri, as: "a.admin", harness: harness)
                #expect(page.status == .ok)
                seen += page.json["items"]?.items.compactMap { $0["id"]?.int } ?? []
                guard let next = page.json["nextCursor"]?.string else { break }
                uri = "/v1/campaigns?limit=2&cursor=\(next)"
            }
            #expect(seen.count == 4 && seen == seen.sorted())
            for bad in ["status=finished", "limit=0", "limit=501", "limit=x", "cursor=zzz", "colour=red"] {
                let response = try await client.send(.get, "/v1/campaigns?\(bad)", as: "a.admin", harness: harness)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.json["errors"]?.items.isEmpty == false)
            }
        }
    }

    @Test("PUT needs If-Match: 428 without, 412 when stale, 200 with the current ETag")
    func editPrecondition() async throws {
        try await APIHarness.run { harness, client in
            let created = try await client.send(
                .post, "/v1/campaigns", as: "a.admin", harness: harness, json: Self.document)
            let id = try #require(created.json["id"]?.int)
            let etag = try #require(created.headers[.eTag])
            let edited = Self.document.replacingOccurrences(of: "\"maxAttempts\": 2", with: "\"maxAttempts\": 4")
            let missing = try await client.send(
                .put, "/v1/campaigns/\(id)", as: "a.admin", harness: harness, json: edited)
            #expect(missing.status == .preconditionRequired)
            let first = try await client.send(
                .put, "/v1/campaigns/\(id)", as: "a.admin", harness: harness, json: edited, headers: [.ifMatch: etag])
            #expect(first.status == .ok)
            #expect(first.json["settings"]?["retry"]?["maxAttempts"]?.int == 4)
            #expect(first.headers[.eTag] != etag)
            let stale = try await client.send(
                .put, "/v1/campaigns/\(id)", as: "a.admin", harness: harness, json: Self.document,
                headers: [.ifMatch: etag])
            #expect(stale.status == .preconditionFailed)
            let invalid = try await client.send(
                .put, "/v1/campaigns/\(id)", as: "a.admin", harness: harness, json: "{\"name\": \"x\"}",
                headers: [.ifMatch: try #require(first.headers[.eTag])])
            #expect(invalid.status == .unprocessableContent)
        }
    }

    @Test("lifecycle actions move the campaign; an illegal one answers 409; clone copies with or without contacts")
    func lifecycleAndClone() async throws {
        try await APIHarness.run { harness, client in
            let id = harness.campaignA
            let pause = try await client.send(.post, "/v1/campaigns/\(id)/pause", as: "a.operator", harness: harness)
            #expect(pause.status == .ok && pause.json["status"]?.string == "paused")
            let again = try await client.send(.post, "/v1/campaigns/\(id)/pause", as: "a.operator", harness: harness)
            #expect(again.status == .conflict)
            let resume = try await client.send(
                .post, "/v1/campaigns/\(id)/resume", as: "a.operator", harness: harness, json: "{}")
            #expect(resume.json["status"]?.string == "running")
            let withBody = try await client.send(
                .post, "/v1/campaigns/\(id)/cancel", as: "a.operator", harness: harness, json: #"{"now": true}"#)
            #expect(withBody.status == .badRequest)
            let cancel = try await client.send(.post, "/v1/campaigns/\(id)/cancel", as: "a.operator", harness: harness)
            #expect(cancel.json["status"]?.string == "cancelled")
            let restart = try await client.send(
                .post, "/v1/campaigns/\(id)/restart", as: "a.operator", harness: harness)
            #expect(restart.json["status"]?.string == "running" && restart.json["run"]?.int == 2)
            let bare = try await client.send(.post, "/v1/campaigns/\(id)/clone", as: "a.operator", harness: harness)
            #expect(bare.status == .created && bare.json["status"]?.string == "draft")
            #expect(bare.json["counts"]?["total"]?.int == 0)
            let full = try await client.send(
                .post, "/v1/campaigns/\(id)/clone", as: "a.operator", harness: harness, json: #"{"withContacts": true}"#
            )
            #expect(full.json["counts"]?["total"]?.int == 12)
            for body in [#"{"withContacts": "yes"}"#, #"{"contacts": true}"#, "[]", "nope"] {
                let response = try await client.send(
                    .post, "/v1/campaigns/\(id)/clone", as: "a.operator", harness: harness, json: body)
                #expect(response.status == .badRequest, "\(body)")
            }
        }
    }

    @Test("validate answers the document with its defaults or the parser's field errors, and creates nothing")
    func validate() async throws {
        try await APIHarness.run { harness, client in
            let good = try await client.send(
                .post, "/v1/campaigns/validate", as: "a.viewer", harness: harness, json: Self.document)
            #expect(good.status == .ok && good.json["settings"]?["window"]?["start"]?.string == "09:00")
            let bad = try await client.send(
                .post, "/v1/campaigns/validate", as: "a.viewer", harness: harness,
                json:
                    #"{"name": "X", "agent": {"name": "Z"}, "numberPool": ["+14155550100"], "window": {"start": "25:00"}}"#
            )
            #expect(bad.status == .unprocessableContent)
            #expect(bad.json["errors"]?.items.first?["field"]?.string == "window.start")
            let list = try await client.send(.get, "/v1/campaigns", as: "a.admin", harness: harness)
            #expect(list.json["items"]?.items.count == 1)
        }
    }
}

extension HTTPFields {
    /// These fields with `other`'s added.
    func merging(_ other: HTTPFields) -> HTTPFields {
        var fields = self
        for field in other { fields[field.name] = field.value }
        return fields
    }
}
