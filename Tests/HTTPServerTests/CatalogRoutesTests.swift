import CampaignCore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Catalog routes: agents, carriers, numbers and opt-outs over HTTP")
struct CatalogRoutesTests {
    static let agent = """
        {"name": "Riley", "greeting": "Hi {{NAME}}, about case {{Case Number}}", "prompt": "Be brief",
         "voicemailMessage": "Call back about {{CASE_NUMBER}}", "callbacks": true, "streamUrl": "wss://bot.example/s"}
        """

    @Test("an agent is created, read with its variables, edited under If-Match, previewed and templated")
    func agentLifecycle() async throws {
        try await APIHarness.run { harness, client in
            let created = try await client.send(.post, "/v1/agents", as: "a.admin", harness: harness, json: Self.agent)
            #expect(created.status == .created)
            let id = try #require(created.json["id"]?.int)
            #expect(created.headers[.location] == "/v1/agents/\(id)")
            #expect(created.json["variables"]?.items.compactMap(\.string) == ["NAME", "CASE_NUMBER"])
            let etag = try #require(created.headers[.eTag])

            let preview = try await client.send(
                .post, "/v1/agents/\(id)/preview", as: "a.viewer", harness: harness,
                json: #"{"variables": {"case_number": "77"}}"#)
            #expect(preview.status == .ok)
            #expect(preview.json["greeting"]?.string == "Hi there, about case 77")
            #expect(preview.json["voicemailMessage"]?.string == "Call back about 77")

            let nullVariables = try await client.send(
                .post, "/v1/agents/\(id)/preview", as: "a.viewer", harness: harness, json: #"{"variables": null}"#)
            #expect(nullVariables.status == .unprocessableContent)
            #expect(nullVariables.json["errors"]?.items.first?["field"]?.string == "variables")

            let template = try await client.send(
                .get, "/v1/agents/\(id)/template.csv", as: "a.viewer", harness: harness)
            #expect(template.status == .ok && template.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(template.text.split(separator: "\n").first == "phone_number,name,case_number")

            let edit = #"{"name": "Riley", "greeting": "Hello {{NAME}}"}"#
            let edited = try await client.send(
                .put, "/v1/agents/\(id)", as: "a.admin", harness: harness, json: edit, headers: [.ifMatch: etag])
            #expect(edited.status == .ok && edited.json["streamUrl"] == .null)
            let stale = try await client.send(
                .put, "/v1/agents/\(id)", as: "a.admin", harness: harness, json: edit, headers: [.ifMatch: etag])
            #expect(stale.status == .preconditionFailed)

            let list = try await client.send(.get, "/v1/agents?name=Rile", as: "a.viewer", harness: harness)
            #expect(list.json["items"]?.items.compactMap { $0["id"]?.int } == [id])
            let deleted = try await client.send(.delete, "/v1/agents/\(id)", as: "a.admin", harness: harness)
            #expect(deleted.status == .noContent)
            let gone = try await client.send(.get, "/v1/agents/\(id)", as: "a.admin", harness: harness)
            #expect(gone.status == .notFound)
        }
    }

    @Test(
        "bad agent, carrier and number bodies answer problem+json naming the field, and store nothing",
        arguments: [
            ("/v1/agents", #"{"name": "X", "streamUrl": "http://bot.example"}"#, 422, "streamUrl"),
            ("/v1/agents", #"{"greeting": "Hi"}"#, 422, "name"),
            ("/v1/agents", #"{"name": "X", "colour": "red"}"#, 400, "colour"),
            ("/v1/agents", #"{"name": "X", "callbacks": "yes"}"#, 422, "callbacks"),
            ("/v1/carriers", #"{"name": "T", "kind": "twilio"}"#, 422, "kind"),
            ("/v1/carriers", #"{"name": "T", "kind": "sip", "address": "nohost"}"#, 422, "address"),
            ("/v1/carriers", #"{"name": "T", "kind": "simulator", "cps": 0}"#, 422, "cps"),
            (
                "/v1/carriers", #"{"name": "T", "kind": "simulator", "ringTimeoutSeconds": 1000}"#, 422,
                "ringTimeoutSeconds"
            ),
            ("/v1/carriers", #"{"name": "T", "kind": "simulator", "ratePerMinute": -1}"#, 422, "ratePerMinute"),
            (
                "/v1/carriers", #"{"name": "T", "kind": "simulator", "billingIncrementSeconds": 0}"#, 422,
                "billingIncrementSeconds"
            ),
            ("/v1/carriers", #"{"name": "Acme trunk", "kind": "simulator"}"#, 409, "name"),
            ("/v1/numbers", #"{"e164": "4155550100"}"#, 422, "e164"),
            ("/v1/numbers", #"{"e164": "+14155550100"}"#, 409, "e164"),
            ("/v1/numbers", #"{"e164": "+14155550177", "carrierId": 999}"#, 422, "carrierId"),
            ("/v1/opt-outs", #"{"number": "12"}"#, 422, "number"),
        ])
    func badBodies(path: String, body: String, status: Int, field: String) async throws {
        try await APIHarness.run { harness, client in
            let before = try await client.send(.get, path, as: "a.admin", harness: harness)
            let response = try await client.send(.post, path, as: "a.admin", harness: harness, json: body)
            #expect(response.status.code == status, "\(response.text)")
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.json["errors"]?.items.first?["field"]?.string == field, "\(response.text)")
            let after = try await client.send(.get, path, as: "a.admin", harness: harness)
            #expect(after.json["items"]?.items.count == before.json["items"]?.items.count)
        }
    }

    @Test("a carrier keeps every field, answers its rate exactly, and no GET ever shows its password")
    func carrierPasswordNeverReturned() async throws {
        try await APIHarness.run { harness, client in
            let body = """
                {"name": "Main", "kind": "sip", "address": "10.0.0.5:5060", "username": "u", "password": "hunter2-pw",
                 "cps": 10, "ringTimeoutSeconds": 25, "ratePerMinute": 0.0125, "billingIncrementSeconds": 6}
                """
            let created = try await client.send(.post, "/v1/carriers", as: "a.admin", harness: harness, json: body)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["id"]?.int)
            #expect(created.json["hasPassword"] == .bool(true) && created.json["ratePerMinute"] == .number(0.0125))
            #expect(created.json["billingIncrementSeconds"]?.int == 6 && created.json["cps"]?.int == 10)
            for uri in ["/v1/carriers", "/v1/carriers/\(id)", "/v1/carriers/\(harness.catalogA.carrier)"] {
                let read = try await client.send(.get, uri, as: "a.admin", harness: harness)
                #expect(read.status == .ok)
                #expect(!read.text.contains("hunter2-pw") && !read.text.contains("acme-secret-pw"), "\(uri)")
                #expect(!read.text.contains("\"password\""), "\(uri)")
            }
            #expect(!created.text.contains("hunter2-pw"))
            let number = try await client.send(
                .post, "/v1/numbers", as: "a.admin", harness: harness,
                json: #"{"e164": "+14155550188", "carrierId": \#(id), "label": "main", "outbound": false}"#)
            #expect(number.status == .created && number.json["outbound"] == .bool(false))
            let inUse = try await client.send(.delete, "/v1/carriers/\(id)", as: "a.admin", harness: harness)
            #expect(inUse.status == .conflict && inUse.text.contains("+14155550188"))
        }
    }

    @Test("a number or agent a campaign uses cannot be deleted: 409 naming the campaign")
    func inUseRefusals() async throws {
        try await APIHarness.run { harness, client in
            let number = try await client.send(
                .delete, "/v1/numbers/\(harness.catalogA.number)", as: "a.admin", harness: harness)
            #expect(number.status == .conflict && number.text.contains("Acme spring"), "\(number.text)")
            let agent = try await client.send(
                .delete, "/v1/agents/\(harness.catalogA.agent)", as: "a.admin", harness: harness)
            #expect(agent.status == .conflict && agent.text.contains("campaign \(harness.campaignA)"))
        }
    }

    @Test("a campaign naming agentId with an inbound-only or unowned pool number is refused with the number named")
    func campaignByAgentId() async throws {
        try await APIHarness.run { harness, client in
            _ = try await client.send(
                .post, "/v1/numbers", as: "a.admin", harness: harness,
                json: #"{"e164": "+14155550166", "outbound": false}"#)
            let agentId = harness.catalogA.agent
            for (pool, named) in [("+14155550166", "inbound-only"), ("+14155550167", "not a number")] {
                let refused = try await client.send(
                    .post, "/v1/campaigns", as: "a.operator", harness: harness,
                    json: #"{"name": "By id", "agentId": \#(agentId), "numberPool": ["\#(pool)"]}"#)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.json["errors"]?.items.first?["field"]?.string == "numberPool")
                #expect(refused.text.contains(pool) && refused.text.contains(named), "\(refused.text)")
            }
            let created = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness,
                json: #"{"name": "By id", "agentId": \#(agentId), "numberPool": ["+14155550100"]}"#)
            #expect(created.status == .created && created.json["agentId"]?.int == agentId, "\(created.text)")
        }
    }

    @Test("opt-outs: add normalised, list with search and cursor, read, CSV upload reported row by row, delete")
    func optOuts() async throws {
        try await APIHarness.run { harness, client in
            let added = try await client.send(
                .post, "/v1/opt-outs", as: "a.operator", harness: harness, json: #"{"number": "(415) 555-0142"}"#)
            #expect(added.status == .created && added.json["number"]?.string == "+14155550142")
            #expect(added.json["source"]?.string == "api" && added.json["createdAt"]?.string != nil)
            let again = try await client.send(
                .post, "/v1/opt-outs", as: "a.operator", harness: harness, json: #"{"number": "+14155550142"}"#)
            #expect(again.status == .ok)

            let csv = "number\n+14155550143\n+14155550142\nnope\n+14155550143\n"
            var headers = harness.auth("a.operator")
            headers[.contentType] = "text/csv"
            let upload = try await client.executeRequest(
                uri: "/v1/opt-outs", method: .post, headers: headers, body: ByteBuffer(string: csv))
            #expect(upload.status == .ok, "\(upload.text)")
            #expect(upload.json["imported"]?.int == 1 && upload.json["duplicates"]?.int == 2)
            #expect(upload.json["rejected"]?.int == 1)
            #expect(upload.json["problems"]?.items.first?["line"]?.int == 4)

            let page = try await client.send(.get, "/v1/opt-outs?limit=2", as: "a.viewer", harness: harness)
            #expect(page.json["items"]?.items.compactMap { $0["number"]?.string } == ["+12125559999", "+14155550142"])
            let cursor = try #require(page.json["nextCursor"]?.string)
            let next = try await client.send(
                .get, "/v1/opt-outs?limit=2&cursor=\(cursor)", as: "a.viewer", harness: harness)
            #expect(next.json["items"]?.items.compactMap { $0["source"]?.string } == ["csv"])
            let search = try await client.send(.get, "/v1/opt-outs?q=0143", as: "a.viewer", harness: harness)
            #expect(search.json["items"]?.items.count == 1)

            let viewer = try await client.send(.delete, "/v1/opt-outs/+14155550142", as: "a.viewer", harness: harness)
            #expect(viewer.status == .forbidden)
            let removed = try await client.send(
                .delete, "/v1/opt-outs/+14155550142", as: "a.operator", harness: harness)
            #expect(removed.status == .noContent)
            let missing = try await client.send(.get, "/v1/opt-outs/+14155550142", as: "a.viewer", harness: harness)
            #expect(missing.status == .notFound)
        }
    }

    @Test("roles: agents, carriers and numbers are written by admins; opt-outs by operators; viewers read")
    func roles() async throws {
        try await APIHarness.run { harness, client in
            for (path, body) in [
                ("/v1/agents", #"{"name": "Op"}"#), ("/v1/carriers", #"{"name": "Op", "kind": "simulator"}"#),
                ("/v1/numbers", #"{"e164": "+14155550155"}"#),
            ] {
                let response = try await client.send(.post, path, as: "a.operator", harness: harness, json: body)
                #expect(response.status == .forbidden, "\(path)")
            }
            let optOut = try await client.send(
                .post, "/v1/opt-outs", as: "a.viewer", harness: harness, json: #"{"number": "+14155550155"}"#)
            #expect(optOut.status == .forbidden)
        }
    }
}
