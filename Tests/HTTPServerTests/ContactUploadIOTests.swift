import CampaignCore
import CampaignStore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Contacts over HTTP: multipart uploads and the last import's error file (errors.csv)")
struct ContactUploadIOTests {
    static let boundary = "XyZ-outbound-boundary"

    static func multipart(_ parts: [(name: String, content: String)], close: Bool = true) -> ByteBuffer {
        var text = ""
        for part in parts {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"; filename=\"c.csv\"\r\n"
            text += "Content-Type: text/csv\r\n\r\n\(part.content)\r\n"
        }
        if close { text += "--\(boundary)--\r\n" }
        return ByteBuffer(string: text)
    }

    static func draft(
        _ client: some TestClientProtocol, _ harness: APIHarness, as key: String = "a.operator"
    )
        async throws -> Int64
    {
        let created = try await client.send(
            .post, "/v1/campaigns", as: key, harness: harness, json: CampaignRoutesTests.document)
        return try #require(created.json["id"]?.int)
    }

    static func formHeaders(_ harness: APIHarness, key: String = "a.operator") -> HTTPFields {
        harness.auth(key).merging([.contentType: "multipart/form-data; boundary=\"\(boundary)\""])
    }

    @Test("a multipart upload imports like a text/csv one: the same report, errorsUrl, and errors.csv for any viewer")
    func multipartUploadAndErrorFile() async throws {
        try await APIHarness.run { harness, client in
            let id = try await Self.draft(client, harness)
            let uri = "/v1/campaigns/\(id)/contacts"
            let form = try await client.executeRequest(
                uri: uri, method: .put, headers: Self.formHeaders(harness),
                body: Self.multipart([("file", ContactRoutesTests.csv)]))
            #expect(form.status == .ok)
            #expect(form.json["read"]?.int == 3 && form.json["imported"]?.int == 2 && form.json["rejected"]?.int == 1)
            #expect(form.json["errorsUrl"]?.string == "/v1/campaigns/\(id)/contacts/errors.csv")
            let plain = try await client.executeRequest(
                uri: uri, method: .put, headers: harness.auth("a.operator").merging([.contentType: "text/csv"]),
                body: ByteBuffer(string: ContactRoutesTests.csv))
            #expect(plain.json["problems"] == form.json["problems"])
            let errors = try await client.send(.get, "\(uri)/errors.csv", as: "a.viewer", harness: harness)
            #expect(errors.status == .ok)
            #expect(errors.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(errors.headers[HTTPField.Name("Outbound-Error-Rows")!] == "1")
            let lines = errors.text.split(separator: "\r\n")
            #expect(lines.first == "line,column,reason")
            #expect(lines.count == 2 && lines[1].hasPrefix("3,"))
        }
    }

    @Test("errors.csv: 404 before any import, after an import without problems, and for another organisation")
    func errorFileNotFound() async throws {
        try await APIHarness.run { harness, client in
            let id = try await Self.draft(client, harness)
            let uri = "/v1/campaigns/\(id)/contacts"
            let none = try await client.send(.get, "\(uri)/errors.csv", as: "a.viewer", harness: harness)
            #expect(none.status == .notFound)
            #expect(none.headers[.contentType] == "application/problem+json")
            let headers = harness.auth("a.operator").merging([.contentType: "text/csv"])
            _ = try await client.executeRequest(
                uri: uri, method: .put, headers: headers, body: ByteBuffer(string: ContactRoutesTests.csv))
            let foreign = try await client.send(.get, "\(uri)/errors.csv", as: "b.admin", harness: harness)
            #expect(foreign.status == .notFound)
            let clean = try await client.executeRequest(
                uri: uri, method: .put, headers: headers, body: ByteBuffer(string: "phone_number\n+12125550100\n"))
            #expect(clean.status == .ok && clean.json["errorsUrl"] == .null)
            let replaced = try await client.send(.get, "\(uri)/errors.csv", as: "a.viewer", harness: harness)
            #expect(replaced.status == .notFound)
        }
    }

    @Test("malformed forms answer 400 problem+json naming the field, and import nothing")
    func malformedForms() async throws {
        try await APIHarness.run { harness, client in
            let id = try await Self.draft(client, harness)
            let uri = "/v1/campaigns/\(id)/contacts"
            let csv = ContactRoutesTests.csv
            let cases: [(String, ByteBuffer, HTTPFields)] = [
                ("no closing boundary", Self.multipart([("file", csv)], close: false), Self.formHeaders(harness)),
                ("no file part", Self.multipart([]), Self.formHeaders(harness)),
                ("two file parts", Self.multipart([("file", csv), ("file", csv)]), Self.formHeaders(harness)),
                ("another field", Self.multipart([("file", csv), ("region", "US")]), Self.formHeaders(harness)),
                ("no opening boundary", ByteBuffer(string: csv), Self.formHeaders(harness)),
                (
                    "no boundary parameter", Self.multipart([("file", csv)]),
                    harness.auth("a.operator").merging([.contentType: "multipart/form-data"])
                ),
            ]
            for (name, body, headers) in cases {
                let response = try await client.executeRequest(uri: uri, method: .put, headers: headers, body: body)
                #expect(response.status == .badRequest, "\(name)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(name)")
                let field = response.json["errors"]?.items.first?["field"]?.string
                #expect(field == "file" || field == "Content-Type", "\(name)")
            }
            let campaign = try await client.send(.get, "/v1/campaigns/\(id)", as: "a.viewer", harness: harness)
            #expect(campaign.json["counts"]?["total"]?.int == 0)
            let errors = try await client.send(.get, "\(uri)/errors.csv", as: "a.viewer", harness: harness)
            #expect(errors.status == .notFound)
        }
    }

    @Test("a multipart body over the route's limit answers 413 before it is read")
    func hugeForm() async throws {
        try await APIHarness.run { harness, client in
            let id = try await Self.draft(client, harness)
            var body = ByteBuffer()
            body.writeRepeatingByte(UInt8(ascii: "1"), count: (100 << 20) + 1)
            let response = try await client.executeRequest(
                uri: "/v1/campaigns/\(id)/contacts", method: .put, headers: Self.formHeaders(harness), body: body)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("the OpenAPI document offers text/csv, multipart/form-data (one file field) and JSON on the upload routes")
    func documented() async throws {
        try await APIHarness.run { harness, client in
            let document = try await client.send(.get, "/openapi.json", as: nil, harness: harness)
            let put = document.json["paths"]?["/v1/campaigns/{id}/contacts"]?["put"]?["requestBody"]?["content"]
            #expect(put?["text/csv"] != nil)
            #expect(put?["multipart/form-data"]?["schema"]?["required"]?.items.first?.string == "file")
            let errors = document.json["paths"]?["/v1/campaigns/{id}/contacts/errors.csv"]?["get"]
            #expect(errors?["responses"]?["200"]?["content"]?["text/csv"] != nil)
            #expect(errors?["responses"]?["404"] != nil)
        }
    }
}
