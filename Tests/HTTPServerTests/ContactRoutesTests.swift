import CampaignCore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Contacts over HTTP: a CSV body imported by the import job, with its report and problems")
struct ContactRoutesTests {
    static let csv = """
        phone_number,name,case number
        +12125550100,Ada,C-1
        not a number,Bob,C-2
        +13125550101,Cy,C-3

        """

    @Test("PUT replaces a draft's list and answers the report with the rejected rows; POST appends")
    func replaceAndAppend() async throws {
        try await APIHarness.run { harness, client in
            let created = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness, json: CampaignRoutesTests.document)
            let id = try #require(created.json["id"]?.int)
            let uri = "/v1/campaigns/\(id)/contacts"
            let headers = harness.auth("a.operator").merging([.contentType: "text/csv; charset=utf-8"])
            let put = try await client.executeRequest(
                uri: uri, method: .put, headers: headers, body: ByteBuffer(string: Self.csv))
            #expect(put.status == .ok)
            #expect(put.json["read"]?.int == 3 && put.json["imported"]?.int == 2 && put.json["rejected"]?.int == 1)
            let problem = try #require(put.json["problems"]?.items.first)
            #expect(problem["line"]?.int == 3 && problem["reason"]?.string?.isEmpty == false)
            let again = try await client.executeRequest(
                uri: uri, method: .put, headers: headers, body: ByteBuffer(string: Self.csv))
            #expect(again.json["imported"]?.int == 2)
            let more = "phone_number\n+14155550123\n"
            let post = try await client.executeRequest(
                uri: uri, method: .post, headers: headers, body: ByteBuffer(string: more))
            #expect(post.status == .ok && post.json["imported"]?.int == 1)
            let campaign = try await client.send(.get, "/v1/campaigns/\(id)", as: "a.viewer", harness: harness)
            #expect(campaign.json["counts"]?["total"]?.int == 3)
        }
    }

    @Test("a campaign that has run refuses a new list (409); bad mappings, regions and media types are refused")
    func refusals() async throws {
        try await APIHarness.run { harness, client in
            let uri = "/v1/campaigns/\(harness.campaignA)/contacts"
            let headers = harness.auth("a.operator").merging([.contentType: "text/csv"])
            let locked = try await client.executeRequest(
                uri: uri, method: .put, headers: headers, body: ByteBuffer(string: Self.csv))
            #expect(locked.status == .conflict)
            for query in ["map=nonsense", "map=Nope=NAME", "region=USA"] {
                let response = try await client.executeRequest(
                    uri: "\(uri)?\(query)", method: .post, headers: headers, body: ByteBuffer(string: Self.csv))
                #expect(response.status == .badRequest, "\(query)")
            }
            let json = try await client.executeRequest(
                uri: uri, method: .post,
                headers: harness.auth("a.operator").merging([.contentType: "application/xml"]),
                body: ByteBuffer(string: "<contacts/>"))
            #expect(json.status == .unsupportedMediaType)
            let viewer = try await client.executeRequest(
                uri: uri, method: .post, headers: harness.auth("a.viewer").merging([.contentType: "text/csv"]),
                body: ByteBuffer(string: Self.csv))
            #expect(viewer.status == .forbidden)
            let empty = try await client.executeRequest(
                uri: uri, method: .post, headers: headers, body: ByteBuffer(string: ""))
            #expect(empty.status.code == 422 || empty.status.code == 409)
        }
    }

    @Test("POST with a JSON body appends contacts checked like a file's rows; each refusal names its field")
    func jsonAppend() async throws {
        try await APIHarness.run { harness, client in
            let alwaysOn = CampaignRoutesTests.document.replacingOccurrences(
                of: "\"retry\"", with: "\"mode\": \"always-on\", \"retry\"")
            let created = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness, json: alwaysOn)
            let id = try #require(created.json["id"]?.int)
            let uri = "/v1/campaigns/\(id)/contacts"
            let body = """
                {"contacts": [
                  {"phoneNumber": "+12125550100", "variables": {"name": "Ada", "Case Number": "C-1"}},
                  {"phoneNumber": "nope"},
                  {"phoneNumber": "+13125550101", "alternates": ["+13125550102"], "timezone": "America/Chicago"}
                ]}
                """
            let appended = try await client.send(.post, uri, as: "a.operator", harness: harness, json: body)
            #expect(appended.status == .ok)
            #expect(appended.json["imported"]?.int == 2 && appended.json["rejected"]?.int == 1)
            #expect(appended.json["problems"]?.items.first?["line"]?.int == 3)
            let started = try await client.send(.post, "/v1/campaigns/\(id)/start", as: "a.operator", harness: harness)
            #expect(started.json["status"]?.string == "running")
            let more = try await client.send(
                .post, uri, as: "a.operator", harness: harness,
                json: #"{"contacts": [{"phoneNumber": "+14155550188"}]}"#)
            #expect(more.status == .ok && more.json["imported"]?.int == 1)
            let leads = try await client.send(
                .get, "/v1/campaigns/\(id)/leads?q=Ada", as: "a.viewer", harness: harness)
            #expect(leads.json["items"]?.items.first?["variables"]?["CASE_NUMBER"]?.string == "C-1")
            for (bad, field) in [
                (#"{"contacts": []}"#, "contacts"), (#"{"people": []}"#, "people"),
                (#"{"contacts": [{"phone": "+12125550100"}]}"#, "contacts[0].phone"),
                (#"{"contacts": [{"phoneNumber": 5}]}"#, "contacts[0].phoneNumber"),
                (
                    #"{"contacts": [{"phoneNumber": "+1", "variables": {"phone_number_2": "x"}}]}"#,
                    "contacts[0].variables.phone_number_2"
                ),
                (#"{"contacts": [{"phoneNumber": "+1", "variables": {"A": 1}}]}"#, "contacts[0].variables.A"),
            ] {
                let response = try await client.send(.post, uri, as: "a.operator", harness: harness, json: bad)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.json["errors"]?.items.first?["field"]?.string == field, "\(bad)")
            }
        }
    }
}
