import CampaignCore
import CampaignStore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import Testing

@Suite("POST /v1/calls/{id}/result: the agent's report, by the call's own token")
struct AgentCallRoutesTests {
    /// Two live calls of a new running campaign of organisation A, each given a token.
    static func liveCalls(_ harness: APIHarness) async throws -> [(callId: Int64, token: String)] {
        let store = harness.store
        let orgId = harness.orgA
        var settings = CampaignSettings(
            name: "Real calls", agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100"])
        settings.customDispositions = ["WRONG_PERSON"]
        let id = try await store.createCampaign(orgId: orgId, settings: settings, now: APIHarness.tuesday)
        let leads = (0..<2).map { index in
            NewLead(
                sourceLine: index + 2, numbers: ["+1646555010\(index)"], timezones: ["America/New_York"],
                timezoneSource: "column", variables: ["NAME": "Ann \(index)"])
        }
        _ = try await store.addLeads(campaignId: id, leads: leads, now: APIHarness.tuesday)
        let campaign = try await store.apply(.start, campaignId: id, now: APIHarness.tuesday)
        let attempts = try await store.lease(
            LeaseRequest(
                campaign: campaign, owner: "node-1", now: APIHarness.tuesday, limit: 2, openZoneKeys: nil,
                leaseDuration: 600)
        ).attempts
        #expect(attempts.count == 2)
        var calls: [(Int64, String)] = []
        for attempt in attempts {
            let token = "oct_test\(attempt.callId)"
            try await store.issueAgentToken(
                callId: attempt.callId, orgId: orgId, tokenHash: AccessKeys.hash(token), now: APIHarness.tuesday)
            calls.append((attempt.callId, token))
        }
        return calls
    }

    static func post(
        _ client: some TestClientProtocol, callId: Int64, token: String?, _ json: String
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.executeRequest(
            uri: "/v1/calls/\(callId)/result", method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    @Test("no token, an API key, a session or another call's token: 401, and nothing is stored")
    func onlyTheCallsToken() async throws {
        try await APIHarness.run { harness, client in
            let calls = try await Self.liveCalls(harness)
            let body = #"{"disposition":"INTERESTED","turns":2}"#
            for token in [nil, harness.keys["a.admin"], calls[1].token, "oct_forged", ""] {
                let response = try await Self.post(client, callId: calls[0].callId, token: token, body)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] != nil)
            }
            let unknownCall = try await Self.post(client, callId: 999_999, token: calls[0].token, body)
            #expect(unknownCall.status == .unauthorized)
            #expect(try await harness.store.agentReport(callId: calls[0].callId) == nil)
        }
    }

    @Test("bad values are named and nothing is stored; a valid report is stored once, a retry answers the same")
    func valuesAndIdempotence() async throws {
        try await APIHarness.run { harness, client in
            let calls = try await Self.liveCalls(harness)
            let (callId, token) = calls[0]
            for (json, field) in [
                (#"{"disposition":"MAYBE_LATER"}"#, "disposition"), (#"{"turns":-1}"#, "turns"),
                (#"{"turns":"two"}"#, "turns"), (#"{"callbackAt":"tomorrow at ten"}"#, "callbackAt"),
                (#"{"callbackAt":"2026-03-10T10:00:00"}"#, "callbackAt"), (#"{"mood":"happy"}"#, "mood"),
            ] {
                let response = try await Self.post(client, callId: callId, token: token, json)
                #expect([400, 422].contains(response.status.code), "\(json)")
                #expect(response.text.contains(field), "\(json): \(response.text)")
            }
            #expect(try await harness.store.agentReport(callId: callId) == nil)
            let report =
                #"{"disposition":"callback","turns":6,"transcript":"agent: Hello Ann\ncallee: Tomorrow at ten","#
                + #""callbackAt":"2026-03-10T10:00:00-05:00"}"#
            let first = try await Self.post(client, callId: callId, token: token, report)
            #expect(first.status == .ok && first.json["status"]?.string == "recorded")
            let stored = try #require(try await harness.store.agentReport(callId: callId))
            #expect(stored.disposition == "CALLBACK" && stored.turns == 6)
            #expect(stored.transcript == "agent: Hello Ann\ncallee: Tomorrow at ten")
            #expect(stored.callbackAt == ISOTime.parse("2026-03-10T15:00:00Z"))
            let retry = try await Self.post(client, callId: callId, token: token, report)
            #expect(retry.status == .ok && retry.json["status"]?.string == "repeated")
            let different = try await Self.post(
                client, callId: callId, token: token, #"{"disposition":"WRONG_PERSON"}"#)
            #expect(different.status == .conflict)
            #expect(try await harness.store.agentReport(callId: callId) == stored, "the first report stands")
            let custom = try await Self.post(
                client, callId: calls[1].callId, token: calls[1].token, #"{"disposition":"wrong_person"}"#)
            #expect(custom.status == .ok, "a custom disposition of the campaign")
        }
    }

    @Test("the lead page shows a reported transcript, escaped; another organisation's lead page is not found")
    func transcriptOnTheLeadPage() async throws {
        try await APIHarness.run { harness, client in
            let (callId, token) = try await Self.liveCalls(harness)[0]
            let transcript = "agent: Hello <b>Ann</b>\ncallee: <script>alert(1)</script> call me later"
            let body = try String(
                decoding: JSONSerialization.data(withJSONObject: [
                    "disposition": "INTERESTED", "transcript": transcript,
                ]),
                as: UTF8.self)
            #expect(try await Self.post(client, callId: callId, token: token, body).status == .ok)
            let call = try #require(try await harness.store.call(orgId: harness.orgA, id: callId))
            let lead = try #require(try await harness.store.lead(orgId: harness.orgA, id: call.leadId))
            let session = try await client.session("admin@a.example")
            let page = try await DashboardPageTests.get(
                client, "/campaigns/\(lead.campaignId)/leads/\(lead.id)", session)
            #expect(page.status == .ok)
            #expect(page.text.contains("agent: Hello &lt;b&gt;Ann&lt;/b&gt;"))
            #expect(page.text.contains("callee: &lt;script&gt;alert(1)&lt;/script&gt; call me later"))
            #expect(!page.text.contains("<script>alert(1)"))
            #expect(try await harness.store.transcripts(orgId: harness.orgB, callIds: [callId]).isEmpty)
        }
    }

    @Test("a report after the call became final answers 409 and changes nothing")
    func tooLate() async throws {
        try await APIHarness.run { harness, client in
            let (callId, token) = try await Self.liveCalls(harness)[0]
            let store = harness.store
            let ended = CallResult(
                startedAt: APIHarness.tuesday, answeredAt: APIHarness.tuesday.addingTimeInterval(5),
                endedAt: APIHarness.tuesday.addingTimeInterval(60), outcome: .answered, answeredBy: .human)
            _ = try await store.recordEnded([EndedCall(callId: callId, result: ended)], now: APIHarness.tuesday)
            let late = try await Self.post(client, callId: callId, token: token, #"{"disposition":"INTERESTED"}"#)
            #expect(late.status == .conflict)
            #expect(late.text.contains("final"))
            #expect(try await harness.store.agentReport(callId: callId) == nil)
        }
    }

    @Test("call.ended's data carries the reported transcript, the same on every read; a call without one has null")
    func transcriptInCallEnded() async throws {
        try await APIHarness.run { harness, client in
            let calls = try await Self.liveCalls(harness)
            let transcript = "agent: Hello Ann\ncallee: \"Yes\" — tell me more"
            let body = try String(
                decoding: JSONSerialization.data(withJSONObject: [
                    "disposition": "INTERESTED", "turns": 2, "transcript": transcript,
                ]),
                as: UTF8.self)
            #expect(try await Self.post(client, callId: calls[0].callId, token: calls[0].token, body).status == .ok)
            let start = APIHarness.tuesday
            let ended = calls.map { call in
                EndedCall(
                    callId: call.callId,
                    result: CallResult(
                        startedAt: start, answeredAt: start.addingTimeInterval(4),
                        endedAt: start.addingTimeInterval(40),
                        outcome: .answered, answeredBy: .human))
            }
            _ = try await harness.store.recordEnded(ended, now: start.addingTimeInterval(40))
            let campaignId = try #require(try await harness.store.call(orgId: harness.orgA, id: calls[0].callId))
                .campaignId
            for _ in 0..<2 {
                let rows = try await harness.store.changes(
                    orgId: harness.orgA, campaignId: campaignId, after: 0, limit: 500)
                let endedRows = rows.filter { $0.type == "call.ended" }
                let byCall = Dictionary(
                    endedRows.map { ($0.data["call_id"]?.int ?? 0, $0.data) }, uniquingKeysWith: { first, _ in first })
                #expect(byCall[calls[0].callId]?["transcript"]?.string == transcript)
                #expect(byCall[calls[0].callId]?["disposition"]?.string == "INTERESTED")
                #expect(byCall[calls[1].callId]?["transcript"] == .null)
            }
        }
    }
}
