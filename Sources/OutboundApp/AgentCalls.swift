import CampaignCore
import CampaignStore
import Dialer
import Foundation
import SIPCore
import Telephony

/// The application's side of real calls (SPEC §12): what the `sip` provider needs to place a call (the caller ID's
/// carrier as a trunk, the agent's stream with its `customParameters` and a per-call token), and the agent's report
/// (`POST /v1/calls/{callId}/result`), kept in the store so that any process on the database can take it.
public struct AgentCalls: SIPCallDirectory {
    /// What the use cases read and write.
    public typealias Store = AgentCallStore & CampaignRepository & CatalogStore & TenantStore

    private let store: any Store
    private let now: @Sendable () -> Date
    private let timers: TimerTable
    private let resultGrace: TimeInterval

    /// The use cases on `store`; `timers` are the SIP transaction timers (RFC 3261's unless a test shortens them),
    /// `resultGrace` how long an ended call waits for its agent's report.
    public init(
        store: any Store, now: @escaping @Sendable () -> Date, timers: TimerTable = .rfc3261,
        resultGrace: TimeInterval = 30
    ) {
        self.store = store
        self.now = now
        self.timers = timers
        self.resultGrace = resultGrace
    }

    public func plan(for request: DialRequest) async throws -> SIPCallPlan {
        guard let row = try await store.agentCallRow(callId: request.callId) else {
            throw AppFailure("call \(request.callId) does not exist")
        }
        guard let carrierId = row.carrierId, let carrier = try await store.carrier(orgId: row.orgId, id: carrierId)
        else { throw AppFailure("no carrier owns the caller ID \(row.from)") }
        guard carrier.settings.kind == .sip else {
            throw AppFailure("carrier '\(carrier.settings.name)' is of kind \(carrier.settings.kind.rawValue), not sip")
        }
        let password = try await store.carrierPassword(orgId: row.orgId, carrierId: carrierId)
        let trunk = try Self.trunk(carrier.settings, password: password, timers: timers)
        guard let campaign = try await store.campaign(id: row.campaignId),
            let agent = try await store.agent(orgId: row.orgId, id: campaign.agentId)
        else { throw AppFailure("the campaign or agent of call \(row.callId) is gone") }
        guard let text = agent.streamUrl, let url = URL(string: text), ["ws", "wss"].contains(url.scheme ?? "") else {
            return SIPCallPlan(trunk: trunk, agent: nil)
        }
        let variables = try await leadVariables(orgId: row.orgId, leadId: row.leadId)
        let token = "oct_" + AccessKeys.randomText(count: 43)
        try await store.issueAgentToken(
            callId: row.callId, orgId: row.orgId, tokenHash: AccessKeys.hash(token), now: now())
        let parameters = Self.customParameters(
            row: row, profile: agent.profile, variables: variables, token: token)
        return SIPCallPlan(
            trunk: trunk,
            agent: AgentStreamPlan(
                streamURL: url, customParameters: parameters, voicemailAction: campaign.settings.voicemailAction,
                resultGrace: resultGrace))
    }

    public func agentResult(callId: Int64) async throws -> AgentCallResult? {
        try await store.agentReport(callId: callId).map {
            AgentCallResult(disposition: $0.disposition, turns: $0.turns, callbackAt: $0.callbackAt)
        }
    }

    /// Takes an agent's report of a call: `token` must be the call's (else 401, answered as ``ReportRefusal``), the
    /// values valid (`disposition` a standard one or one of the campaign's, `turns` 0…10,000, `transcript` up to
    /// 256 KiB, `callbackAt` RFC 3339 with an offset or `Z`). A retry of the same report answers as the first did; a
    /// different second report, or one after the call became final, is a conflict.
    public func report(
        callId: Int64, token: String, disposition: String?, turns: Int?, transcript: String?, callbackAt: String?
    ) async throws -> AgentReportRecording {
        guard try await isToken(token, ofCall: callId), let row = try await store.agentCallRow(callId: callId) else {
            throw ReportRefusal.badToken
        }
        let custom = try await store.campaign(id: row.campaignId)?.settings.customDispositions ?? []
        var problems: [FieldProblem] = []
        if let disposition, !DispositionName.isKnown(disposition, customDispositions: custom) {
            problems.append(
                FieldProblem(
                    field: "disposition",
                    detail: "'\(disposition)' is neither a standard disposition nor one of the campaign's"))
        }
        if let turns, !(0...10_000).contains(turns) {
            problems.append(FieldProblem(field: "turns", detail: "must be from 0 to 10000"))
        }
        if let transcript, transcript.utf8.count > 256 << 10 {
            problems.append(FieldProblem(field: "transcript", detail: "must be at most 256 KiB"))
        }
        var callback: Date?
        if let callbackAt {
            callback = ISOTime.parse(callbackAt)
            if callback == nil {
                problems.append(
                    FieldProblem(
                        field: "callbackAt",
                        detail: "must be an RFC 3339 time with an offset or Z, like 2026-03-09T14:00:00Z"))
            }
        }
        guard problems.isEmpty else { throw ServerFailure.invalid(problems) }
        let report = AgentReport(
            disposition: disposition?.uppercased(), turns: turns ?? 0, transcript: transcript ?? "",
            callbackAt: callback)
        let recording = try await store.recordAgentReport(callId: callId, report, now: now())
        switch recording {
        case .recorded, .repeated: return recording
        case .conflicting: throw ServerFailure.conflict("a different result was already reported for this call")
        case .tooLate:
            throw ServerFailure.conflict("the call is already final: its result was recorded without this report")
        case .unknownCall: throw ReportRefusal.badToken
        }
    }

    /// Whether `token` is the one issued to the call (compared as SHA-256 hashes, so the comparison's time says
    /// nothing about the token).
    public func isToken(_ token: String, ofCall callId: Int64) async throws -> Bool {
        guard let stored = try await store.agentTokenHash(callId: callId) else { return false }
        return AccessKeys.hash(token) == stored
    }

    /// Why a report was refused before its values were looked at.
    public enum ReportRefusal: Error, Sendable, Equatable {
        /// No token, or not this call's.
        case badToken
    }

    /// `start.customParameters` of SPEC §12 but `answeredBy` (the provider adds it): the contact's variables under
    /// their normalised names, then the call's own entries, which a variable of the same name never replaces.
    static func customParameters(
        row: AgentCallRow, profile: AgentProfile, variables: [String: String], token: String
    ) -> [String: String] {
        var parameters: [String: String] = [:]
        for (name, value) in variables { parameters[Template.normalizedName(name)] = value }
        let own: [String: String] = [
            "callId": "\(row.callId)", "campaignId": "\(row.campaignId)", "contactId": "\(row.leadId)",
            "to": row.to, "from": row.from, "token": token,
            "greeting": Template(profile.greeting).render(variables),
            "prompt": Template(profile.prompt).render(variables),
            "voicemailMessage": Template(profile.voicemailMessage).render(variables),
        ]
        parameters.merge(own) { _, call in call }
        return parameters
    }

    /// The carrier as the provider dials through it.
    static func trunk(_ carrier: CarrierDraft, password: String?, timers: TimerTable) throws -> SIPTrunk {
        guard let (host, port) = hostAndPort(carrier.address) else {
            throw AppFailure("carrier '\(carrier.name)' has no usable address '\(carrier.address)'")
        }
        let credentials =
            carrier.username.isEmpty ? nil : DigestCredentials(username: carrier.username, password: password ?? "")
        return SIPTrunk(
            host: host, port: port, credentials: credentials, callsPerSecond: carrier.cps,
            ringTimeout: TimeInterval(carrier.ringTimeoutSeconds), timers: timers)
    }

    /// `host:port` (a bracketed IPv6 address's brackets dropped).
    public static func hostAndPort(_ address: String) -> (String, Int)? {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (1...65_535).contains(port)
        else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    private func leadVariables(orgId: Int64, leadId: Int64) async throws -> [String: String] {
        guard let lead = try await store.lead(orgId: orgId, id: leadId),
            let object = try? JSONSerialization.jsonObject(with: Data(lead.variablesJSON.utf8)) as? [String: Any]
        else { return [:] }
        return object.compactMapValues { $0 as? String }
    }
}
