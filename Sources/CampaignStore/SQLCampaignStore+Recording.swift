import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func recordEnded(
        callId: Int64, owner: String, result: CallResult, now: Date
    ) async throws
        -> RecordOutcome
    {
        try await recordEnded([EndedCall(callId: callId, result: result)], owner: owner, now: now)[callId]
            ?? .leaseLost
    }

    public func recordEnded(_ calls: [EndedCall], owner: String, now: Date) async throws -> [Int64: RecordOutcome] {
        guard !calls.isEmpty else { return [:] }
        return try await transaction { db in
            var outcomes: [Int64: RecordOutcome] = [:]
            for chunk in stride(from: 0, to: calls.count, by: 400).map({ calls[$0..<min($0 + 400, calls.count)] }) {
                let recorded = try await recordChunk(db, Array(chunk), owner: owner, now: now)
                outcomes.merge(recorded) { first, _ in first }
            }
            for call in calls where outcomes[call.callId] == nil { outcomes[call.callId] = .leaseLost }
            return outcomes
        }
    }

    /// Fences and ends the calls, decides each lead's next step, and writes leads, opt-outs and events, with a
    /// handful of set-based statements whatever the chunk's size.
    private func recordChunk(
        _ db: any SQLDatabase, _ calls: [EndedCall], owner: String, now: Date
    ) async throws
        -> [Int64: RecordOutcome]
    {
        let fenced = try await endCalls(db, calls, owner: owner)
        guard !fenced.isEmpty else { return [:] }
        let resultById = Dictionary(calls.map { ($0.callId, $0.result) }, uniquingKeysWith: { first, _ in first })
        let leadRows = try await db.raw(
            """
            SELECT id, attempts, pass, numbers, stopped, callbacks FROM leads
            WHERE id IN (\(binds: fenced.map(\.leadId)))
            """
        ).all()
        var leads: [Int64: (progress: LeadProgress, numbers: [String])] = [:]
        for row in leadRows {
            let numbers = try row.decode(column: "numbers", as: String.self).split(separator: "|").map(String.init)
            leads[try row.decode(column: "id", as: Int64.self)] = (
                LeadProgress(
                    attempts: try row.decode(column: "attempts", as: Int.self),
                    pass: try row.decode(column: "pass", as: Int.self), numberIndex: 0, numberCount: numbers.count,
                    stoppedNumbers: Self.decodeStopped(try row.decode(column: "stopped", as: String.self)),
                    callbacks: try row.decode(column: "callbacks", as: Int.self)),
                numbers
            )
        }
        var campaigns: [Int64: (Campaign, Bool)] = [:]
        var outcomes: [Int64: RecordOutcome] = [:]
        var updates: [LeadUpdate] = []
        var optOuts: [(Int64, String)] = []
        var events = SQLQueryString("INSERT INTO events (org_id, campaign_id, type, payload, created_at) VALUES ")
        let millis = Millis.from(now)
        for (offset, call) in fenced.enumerated() {
            guard let result = resultById[call.callId], var lead = leads[call.leadId] else { continue }
            if campaigns[call.campaignId] == nil {
                guard let campaign = try await loadCampaign(db, id: call.campaignId) else {
                    throw StoreError.campaignNotFound(call.campaignId)
                }
                let callbacks =
                    try await db.raw("SELECT callbacks FROM agents WHERE id = \(bind: campaign.agentId)").first()?
                    .decode(column: "callbacks", as: Int.self) ?? 0
                campaigns[call.campaignId] = (campaign, callbacks != 0)
            }
            guard let (campaign, agentCallbacks) = campaigns[call.campaignId] else { continue }
            lead.progress.numberIndex = call.numberIndex
            let decision = RetryRules.decide(
                lead: lead.progress, result: result, settings: campaign.settings, agentAllowsCallbacks: agentCallbacks)
            if decision.optOutNumber { optOuts.append((call.orgId, call.to)) }
            let status =
                decision.status == .pending && (decision.nextAt.map { $0 > now } ?? false)
                ? LeadStatus.waiting : decision.status
            let next =
                lead.numbers.indices.contains(decision.numberIndex) ? lead.numbers[decision.numberIndex] : call.to
            updates.append(
                LeadUpdate(
                    id: call.leadId, status: status.rawValue, decision: decision, currentNumber: next,
                    disposition: result.disposition))
            outcomes[call.callId] = .recorded(decision)
            let callPayload = Self.encodeVariables([
                "callId": "\(call.callId)", "outcome": result.outcome.rawValue, "disposition": result.disposition ?? "",
            ])
            let leadPayload = Self.encodeVariables(["leadId": "\(call.leadId)", "status": status.rawValue])
            events += offset == 0 ? "" : ", "
            events += """
                (\(bind: call.orgId), \(bind: call.campaignId), 'call.ended', \(bind: callPayload), \(bind: millis)),
                (\(bind: call.orgId), \(bind: call.campaignId), 'campaign.lead.updated', \(bind: leadPayload),
                \(bind: millis))
                """
        }
        if !optOuts.isEmpty {
            var insert = SQLQueryString("INSERT INTO opt_outs (org_id, e164, source, created_at) VALUES ")
            for (index, entry) in optOuts.enumerated() {
                insert += index == 0 ? "" : ", "
                insert += "(\(bind: entry.0), \(bind: entry.1), 'disposition', \(bind: millis))"
            }
            insert += " ON CONFLICT (org_id, e164) DO NOTHING"
            try await db.raw(insert).run()
        }
        try await updateLeads(db, updates, now: millis)
        if !updates.isEmpty { try await db.raw(events).run() }
        return outcomes
    }

    private func endCalls(_ db: any SQLDatabase, _ calls: [EndedCall], owner: String) async throws -> [FencedCall] {
        var sql = SQLQueryString(
            """
            WITH v (id, started_at, answered_at, ended_at, outcome, answered_by, duration_seconds, turns, disposition,
            callback_at) AS (VALUES
            """)
        for (index, call) in calls.enumerated() {
            let result = call.result
            sql += index == 0 ? " " : ", "
            sql += """
                (\(bind: call.callId), \(bind: Millis.from(result.startedAt)), \(bind: Millis.from(result.answeredAt)),
                \(bind: Millis.from(result.endedAt)), \(bind: result.outcome.rawValue), \(bind: result.answeredBy?.rawValue),
                \(bind: result.durationSeconds), \(bind: result.turns), \(bind: result.disposition),
                \(bind: Millis.from(result.callbackAt)))
                """
        }
        sql += """
            ) UPDATE calls SET state = 'ended', started_at = v.started_at, answered_at = v.answered_at,
            ended_at = v.ended_at, outcome = v.outcome, answered_by = v.answered_by,
            duration_seconds = v.duration_seconds, turns = v.turns, disposition = v.disposition,
            callback_at = v.callback_at
            FROM v WHERE calls.id = v.id AND calls.lease_owner = \(bind: owner) AND calls.state = 'live'
            RETURNING calls.id AS id, calls.org_id AS org_id, calls.campaign_id AS campaign_id,
            calls.lead_id AS lead_id, calls.number_index AS number_index, calls.to_number AS to_number
            """
        return try await db.raw(sql).all().map(FencedCall.init).sorted { $0.callId < $1.callId }
    }

    private func updateLeads(_ db: any SQLDatabase, _ updates: [LeadUpdate], now: Int64) async throws {
        guard !updates.isEmpty else { return }
        var sql = SQLQueryString(
            """
            WITH v (id, status, pass, number_index, current_number, stopped, callbacks, priority, next_at,
            last_outcome, last_disposition) AS (VALUES
            """)
        for (index, update) in updates.enumerated() {
            let decision = update.decision
            sql += index == 0 ? " " : ", "
            sql += """
                (\(bind: update.id), \(bind: update.status), \(bind: decision.pass), \(bind: decision.numberIndex),
                \(bind: update.currentNumber), \(bind: Self.encodeStopped(decision.stoppedNumbers)),
                \(bind: decision.callbacks), \(bind: decision.priority), \(bind: Millis.from(decision.nextAt) ?? 0),
                \(bind: decision.retryKey), \(bind: update.disposition))
                """
        }
        sql += """
            ) UPDATE leads SET status = v.status, pass = v.pass, number_index = v.number_index,
            current_number = v.current_number, stopped = v.stopped, callbacks = v.callbacks, priority = v.priority,
            next_at = v.next_at, last_outcome = v.last_outcome, last_disposition = v.last_disposition,
            updated_at = \(bind: now)
            FROM v WHERE leads.id = v.id AND leads.status = 'in_progress'
            """
        try await db.raw(sql).run()
    }

    public func expiredLeases(now: Date, campaignId: Int64?) async throws -> [LeasedAttempt] {
        try await serial { db in
            var sql = SQLQueryString(
                "SELECT * FROM calls WHERE state = 'live' AND lease_expires < \(bind: Millis.from(now))")
            if let campaignId { sql += " AND campaign_id = \(bind: campaignId)" }
            sql += " ORDER BY id"
            return try await db.raw(sql).all().map(decodeAttempt)
        }
    }

    public func liveAttempts(campaignId: Int64, owner: String) async throws -> [LeasedAttempt] {
        try await serial { db in
            try await db.raw(
                """
                SELECT * FROM calls WHERE campaign_id = \(bind: campaignId) AND state = 'live'
                AND lease_owner = \(bind: owner) ORDER BY id
                """
            ).all().map(decodeAttempt)
        }
    }

    public func takeOver(
        callId: Int64, from oldOwner: String, to newOwner: String, now: Date, until: Date
    )
        async throws -> Bool
    {
        try await transaction { db in
            try await db.raw(
                """
                UPDATE calls SET lease_owner = \(bind: newOwner), lease_expires = \(bind: Millis.from(until))
                WHERE id = \(bind: callId) AND lease_owner = \(bind: oldOwner) AND state = 'live'
                AND lease_expires < \(bind: Millis.from(now))
                RETURNING id
                """
            ).first() != nil
        }
    }
}

/// A call the dispatcher saw end.
public struct EndedCall: Sendable, Equatable {
    /// The call row.
    public var callId: Int64
    /// How it ended.
    public var result: CallResult

    /// Creates an ended call.
    public init(callId: Int64, result: CallResult) {
        self.callId = callId
        self.result = result
    }
}

/// A call row whose fenced end-write landed.
struct FencedCall {
    let callId: Int64
    let orgId: Int64
    let campaignId: Int64
    let leadId: Int64
    let numberIndex: Int
    let to: String

    init(_ row: any SQLRow) throws {
        callId = try row.decode(column: "id", as: Int64.self)
        orgId = try row.decode(column: "org_id", as: Int64.self)
        campaignId = try row.decode(column: "campaign_id", as: Int64.self)
        leadId = try row.decode(column: "lead_id", as: Int64.self)
        numberIndex = try row.decode(column: "number_index", as: Int.self)
        to = try row.decode(column: "to_number", as: String.self)
    }
}

/// One lead's new state after its call.
struct LeadUpdate {
    let id: Int64
    let status: String
    let decision: LeadDecision
    let currentNumber: String
    let disposition: String?
}
