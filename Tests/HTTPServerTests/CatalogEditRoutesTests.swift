import CampaignCore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Catalog edits: PUT on carriers and numbers")
struct CatalogEditRoutesTests {
    @Test("a carrier edit replaces its fields, keeps the password unless told, and refuses a taken name or bad field")
    func carrierEdit() async throws {
        try await APIHarness.run { harness, client in
            let id = harness.catalogA.carrier
            let edited = try await client.send(
                .put, "/v1/carriers/\(id)", as: "a.admin", harness: harness,
                json: """
                    {"name": "Acme trunk 2", "kind": "sip", "address": "sip2.acme.example:5070", "username": "acme2",
                     "cps": 5, "ratePerMinute": "0.02", "billingIncrementSeconds": 30}
                    """)
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(
                edited.json["name"]?.string == "Acme trunk 2"
                    && edited.json["address"]?.string == "sip2.acme.example:5070")
            #expect(edited.json["cps"]?.int == 5 && edited.json["billingIncrementSeconds"]?.int == 30)
            #expect(edited.json["ratePerMinute"] == .number(0.02))
            #expect(edited.json["hasPassword"] == .bool(true), "an omitted password is kept")
            #expect(!edited.text.contains("acme-secret-pw"))
            let read = try await client.send(.get, "/v1/carriers/\(id)", as: "a.viewer", harness: harness)
            #expect(read.json["username"]?.string == "acme2" && read.json["ringTimeoutSeconds"]?.int == 30)

            let cleared = try await client.send(
                .put, "/v1/carriers/\(id)", as: "a.admin", harness: harness,
                json: #"{"name": "Acme trunk 2", "kind": "sip", "address": "sip2.acme.example:5070", "password": null}"#
            )
            #expect(cleared.status == .ok && cleared.json["hasPassword"] == .bool(false), "\(cleared.text)")

            let other = try await client.send(
                .post, "/v1/carriers", as: "a.admin", harness: harness, json: #"{"name": "Other", "kind": "simulator"}"#
            )
            let otherId = try #require(other.json["id"]?.int)
            let taken = try await client.send(
                .put, "/v1/carriers/\(otherId)", as: "a.admin", harness: harness,
                json: #"{"name": "Acme trunk 2", "kind": "simulator"}"#)
            #expect(taken.status == .conflict && taken.text.contains("Acme trunk 2"), "\(taken.text)")
            let invalid = try await client.send(
                .put, "/v1/carriers/\(otherId)", as: "a.admin", harness: harness,
                json: #"{"name": "Other", "kind": "sip", "ringTimeoutSeconds": 2}"#)
            #expect(invalid.status == .unprocessableContent)
            let fields = Set(invalid.json["errors"]?.items.compactMap { $0["field"]?.string } ?? [])
            #expect(fields == ["address", "ringTimeoutSeconds"], "\(invalid.text)")
            let unchanged = try await client.send(.get, "/v1/carriers/\(otherId)", as: "a.admin", harness: harness)
            #expect(unchanged.json["kind"]?.string == "simulator", "a refused edit writes nothing")

            let foreign = try await client.send(
                .put, "/v1/carriers/\(id)", as: "b.admin", harness: harness,
                json: #"{"name": "Stolen", "kind": "simulator"}"#)
            #expect(foreign.status == .notFound)
            let viewer = try await client.send(
                .put, "/v1/carriers/\(id)", as: "a.viewer", harness: harness,
                json: #"{"name": "Viewer", "kind": "simulator"}"#)
            #expect(viewer.status == .forbidden)
        }
    }

    @Test("a number edit changes label, carrier and direction; never its E.164; inbound-only refused while in use")
    func numberEdit() async throws {
        try await APIHarness.run { harness, client in
            let id = harness.catalogA.number
            let before = try await client.send(.get, "/v1/numbers/\(id)", as: "a.admin", harness: harness)
            let e164 = try #require(before.json["e164"]?.string)
            let inUse = try await client.send(
                .put, "/v1/numbers/\(id)", as: "a.admin", harness: harness, json: #"{"outbound": false}"#)
            #expect(inUse.status == .conflict && inUse.text.contains("Acme spring"), "\(inUse.text)")
            let still = try await client.send(.get, "/v1/numbers/\(id)", as: "a.admin", harness: harness)
            #expect(still.json["outbound"] == .bool(true), "the refused edit wrote nothing")

            let relabelled = try await client.send(
                .put, "/v1/numbers/\(id)", as: "a.admin", harness: harness,
                json: #"{"e164": "\#(e164)", "label": "front desk", "carrierId": \#(harness.catalogA.carrier)}"#)
            #expect(relabelled.status == .ok, "\(relabelled.text)")
            #expect(relabelled.json["label"]?.string == "front desk")
            #expect(relabelled.json["carrierId"]?.int == harness.catalogA.carrier)

            let renumbered = try await client.send(
                .put, "/v1/numbers/\(id)", as: "a.admin", harness: harness, json: #"{"e164": "+14155550199"}"#)
            #expect(renumbered.status == .unprocessableContent)
            #expect(renumbered.json["errors"]?.items.first?["field"]?.string == "e164")
            let missingCarrier = try await client.send(
                .put, "/v1/numbers/\(id)", as: "a.admin", harness: harness, json: #"{"carrierId": 999999}"#)
            #expect(missingCarrier.status == .unprocessableContent, "\(missingCarrier.text)")

            let spare = try await client.send(
                .post, "/v1/numbers", as: "a.admin", harness: harness, json: #"{"e164": "+14155550177"}"#)
            let spareId = try #require(spare.json["id"]?.int)
            let inbound = try await client.send(
                .put, "/v1/numbers/\(spareId)", as: "a.admin", harness: harness,
                json: #"{"outbound": false, "label": "support line"}"#)
            #expect(inbound.status == .ok && inbound.json["outbound"] == .bool(false), "\(inbound.text)")
            let foreign = try await client.send(
                .put, "/v1/numbers/\(spareId)", as: "b.admin", harness: harness, json: #"{"label": "x"}"#)
            #expect(foreign.status == .notFound)
        }
    }

    @Test(
        "agentId in validate and PUT: resolved to the agent, a draft switches agents, a campaign that ran keeps its own"
    )
    func campaignAgentIdEdits() async throws {
        try await APIHarness.run { harness, client in
            let agent = try await client.send(
                .post, "/v1/agents", as: "a.admin", harness: harness,
                json: #"{"name": "Nova", "greeting": "Hello {{NAME}}"}"#)
            let nova = try #require(agent.json["id"]?.int)
            let pool = #""numberPool": ["+14155550100"]"#
            let valid = try await client.send(
                .post, "/v1/campaigns/validate", as: "a.viewer", harness: harness,
                json: #"{"name": "V", "agentId": \#(nova), \#(pool)}"#)
            #expect(valid.status == .ok, "\(valid.text)")
            #expect(valid.json["settings"]?["agent"]?["greeting"]?.string == "Hello {{NAME}}")
            for (body, field) in [
                (#"{"name": "V", "agentId": 999999, \#(pool)}"#, "agentId"),
                (#"{"name": "V", "agentId": \#(nova), "numberPool": ["+14155550166"]}"#, "numberPool"),
            ] {
                let refused = try await client.send(
                    .post, "/v1/campaigns/validate", as: "a.viewer", harness: harness, json: body)
                #expect(refused.status == .unprocessableContent, "\(body)")
                #expect(refused.json["errors"]?.items.first?["field"]?.string == field, "\(refused.text)")
            }

            let draft = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness,
                json: #"{"name": "Draft by id", "agentId": \#(harness.catalogA.agent), \#(pool)}"#)
            let draftId = try #require(draft.json["id"]?.int)
            let switched = try await client.send(
                .put, "/v1/campaigns/\(draftId)", as: "a.operator", harness: harness,
                json: #"{"name": "Draft by id", "agentId": \#(nova), \#(pool)}"#,
                headers: [.ifMatch: try #require(draft.headers[.eTag])])
            #expect(switched.status == .ok, "\(switched.text)")
            #expect(switched.json["agentId"]?.int == nova)
            #expect(switched.json["settings"]?["agent"]?["name"]?.string == "Nova")
            let original = try await client.send(
                .get, "/v1/agents/\(harness.catalogA.agent)", as: "a.admin", harness: harness)
            #expect(original.status == .ok && original.json["name"]?.string == "Zara", "the old agent is untouched")

            let paused = try await client.send(
                .post, "/v1/campaigns/\(harness.campaignA)/pause", as: "a.admin", harness: harness)
            #expect(paused.status == .ok && paused.json["hasRun"] == .bool(true), "\(paused.text)")
            let ran = try await client.send(.get, "/v1/campaigns/\(harness.campaignA)", as: "a.admin", harness: harness)
            let locked = try await client.send(
                .put, "/v1/campaigns/\(harness.campaignA)", as: "a.admin", harness: harness,
                json: #"{"name": "Acme spring", "agentId": \#(nova), "numberPool": ["+14155550100", "+14155550101"]}"#,
                headers: [.ifMatch: try #require(ran.headers[.eTag])])
            #expect(locked.status == .conflict && locked.text.contains("agent"), "\(locked.text)")
            let after = try await client.send(
                .get, "/v1/campaigns/\(harness.campaignA)", as: "a.admin", harness: harness)
            #expect(after.json["agentId"]?.int == harness.catalogA.agent)
        }
    }
}
