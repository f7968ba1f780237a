import CampaignCore
import CampaignStore
import Dialer
import Foundation
import OutboundApp
import SIPCore
import Telephony
import Testing

@Suite("AgentCalls: a sip call's trunk from its caller ID's carrier, the agent's stream and customParameters")
struct AgentCallsTests {
    /// A running campaign of a `sip` carrier's number and an agent with a stream URL; one call leased.
    static func leasedCall(
        _ store: SQLCampaignStore, streamUrl: String?, kind: CarrierKind = .sip
    ) async throws -> (AgentCalls, DialRequest) {
        let orgId = try await store.organization(named: "acme", now: AppStore.friday)
        let carrier = try await store.createCarrier(
            orgId: orgId,
            draft: CarrierDraft(
                name: "trunk", kind: kind, address: kind == .sip ? "[2001:db8::5]:5070" : "",
                username: kind == .sip ? "acme" : "", password: kind == .sip ? "s3cret" : nil, cps: 12,
                ringTimeoutSeconds: 25),
            now: AppStore.friday)
        _ = try await store.createNumber(
            orgId: orgId, e164: "+14155550100", label: "main", carrierId: carrier.id, outbound: true,
            now: AppStore.friday)
        let agent = try await store.createAgent(
            orgId: orgId,
            profile: AgentProfile(
                name: "Zara", greeting: "Hi {{NAME}}, this is Zara about case {{case number}}.",
                prompt: "Help {{NAME}}.", voicemailMessage: "Call us back, {{NAME}}."),
            streamUrl: streamUrl, now: AppStore.friday)
        var settings = CampaignSettings(
            name: "Real calls", agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100"])
        settings.voicemailAction = .leaveMessage
        let id = try await store.createCampaign(
            orgId: orgId, agentId: agent.id, settings: settings, now: AppStore.friday)
        _ = try await store.addLeads(
            campaignId: id,
            leads: [
                NewLead(
                    sourceLine: 2, numbers: ["+12125550142"], timezones: ["America/New_York"],
                    timezoneSource: "column",
                    variables: ["NAME": "Ann O'Neil", "Case Number": "C-77", "token": "from the list"])
            ], now: AppStore.friday)
        let campaign = try await store.apply(.start, campaignId: id, now: AppStore.friday)
        let attempt = try #require(
            try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "node", now: AppStore.friday, limit: 1, openZoneKeys: nil,
                    leaseDuration: 600)
            ).attempts.first)
        let request = DialRequest(
            callId: attempt.callId, campaignId: id, to: attempt.to, from: attempt.from, queuedAt: AppStore.friday)
        return (AgentCalls(store: store, now: { AppStore.friday }, resultGrace: 12), request)
    }

    @Test("the plan: trunk, credentials, CPS, ring timeout; every SPEC §12 parameter; a token only its hash kept")
    func plan() async throws {
        try await AppStore.withStore { store in
            let (calls, request) = try await Self.leasedCall(store, streamUrl: "wss://agent.example/media")
            let plan = try await calls.plan(for: request)
            #expect(plan.trunk.host == "2001:db8::5" && plan.trunk.port == 5070)
            #expect(plan.trunk.credentials == DigestCredentials(username: "acme", password: "s3cret"))
            #expect(plan.trunk.callsPerSecond == 12 && plan.trunk.ringTimeout == 25)
            let agent = try #require(plan.agent)
            #expect(agent.streamURL.absoluteString == "wss://agent.example/media")
            #expect(agent.voicemailAction == .leaveMessage && agent.resultGrace == 12)
            let parameters = agent.customParameters
            #expect(parameters["callId"] == "\(request.callId)" && parameters["campaignId"] == "\(request.campaignId)")
            #expect(parameters["to"] == "+12125550142" && parameters["from"] == "+14155550100")
            #expect(parameters["greeting"] == "Hi Ann O'Neil, this is Zara about case C-77.")
            #expect(
                parameters["prompt"] == "Help Ann O'Neil."
                    && parameters["voicemailMessage"] == "Call us back, Ann O'Neil.")
            #expect(parameters["NAME"] == "Ann O'Neil" && parameters["CASE_NUMBER"] == "C-77")
            #expect(parameters["contactId"] != nil && parameters["answeredBy"] == nil)
            let token = try #require(parameters["token"])
            #expect(token.hasPrefix("oct_") && token != "from the list", "a variable never replaces the call's own")
            #expect(try await store.agentTokenHash(callId: request.callId) == AccessKeys.hash(token))
            #expect(try await calls.isToken(token, ofCall: request.callId))
            #expect(try await calls.agentResult(callId: request.callId) == nil)
        }
    }

    @Test("an agent without a stream URL: a plan with no agent; a simulator carrier: refused by name")
    func withoutAgentOrSIP() async throws {
        try await AppStore.withStore { store in
            let (calls, request) = try await Self.leasedCall(store, streamUrl: nil)
            let plan = try await calls.plan(for: request)
            #expect(plan.agent == nil && plan.trunk.port == 5070)
        }
        try await AppStore.withStore { store in
            let (calls, request) = try await Self.leasedCall(store, streamUrl: nil, kind: .simulator)
            let refusal = await #expect(throws: AppFailure.self) { _ = try await calls.plan(for: request) }
            #expect(refusal?.message.contains("not sip") == true)
        }
    }

    @Test(
        "host:port of a carrier address",
        arguments: [
            ("sip.example.net:5060", "sip.example.net", 5060), ("10.0.0.7:5080", "10.0.0.7", 5080),
            ("[2001:db8::1]:5061", "2001:db8::1", 5061),
        ])
    func addresses(address: String, host: String, port: Int) {
        let parsed = AgentCalls.hostAndPort(address)
        #expect(parsed?.0 == host && parsed?.1 == port)
    }

    @Test func badAddresses() {
        for address in ["sip.example.net", "host:0", "host:70000", ":5060", "host:x"] {
            #expect(AgentCalls.hostAndPort(address) == nil, "\(address)")
        }
    }
}
