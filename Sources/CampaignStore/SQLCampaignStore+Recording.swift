import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func recordEnded(_ calls: [EndedCall], now: Date) async throws -> [Int64: RecordOutcome] {
        guard !calls.isEmpty else { return [:] }
        return try await transaction { db in
            var outcomes = try await recordBatch(db, calls, now: now)
            for call in calls where outcomes[call.callId] == nil { outcomes[call.callId] = .alreadyEnded }
            return outcomes
        }
    }

    /// Fences and ends the calls, decides each lead's next step, and writes leads, opt-outs and events, with a
    /// handful of set-based statements whatever the batch's size (hot statements split long row lists themselves).
    private func recordBatch(
        _ db: any SQLDatabase, _ calls: [EndedCall], now: Date
    ) async throws
        -> [Int64: RecordOutcome]
    {
        let fenced = try await endCalls(db, calls)
        guard !fenced.isEmpty else { return [:] }
        var resultById = Dictionary(calls.map { ($0.callId, $0.result) }, uniquingKeysWith: { first, _ in first })
        try await takeAgentReports(db, fenced, into: &resultById)
        var select = HotStatement(
            "SELECT id, attempts, pass, numbers, stopped, callbacks, status, last_disposition FROM leads WHERE id IN (")
        select.rows(fenced.map { [.integer($0.leadId)] }, parenthesized: false)
        select.append(")")
        var leads: [Int64: (progress: LeadProgress, numbers: [String], inProgress: Bool, disposition: String?)] = [:]
        let leadColumns = ["id", "attempts", "pass", "numbers", "stopped", "callbacks", "status", "last_disposition"]
        for row in try await run(select, db, columns: leadColumns) {
            let numbers = try row.text("numbers").split(separator: "|").map(String.init)
            leads[try row.integer("id")] = (
                LeadProgress(
                    attempts: try row.int("attempts"), pass: try row.int("pass"), numberIndex: 0,
                    numberCount: numbers.count, stoppedNumbers: Self.decodeStopped(try row.text("stopped")),
                    callbacks: try row.int("callbacks")),
                numbers, try row.text("status") == LeadStatus.inProgress.rawValue,
                try row.optionalText("last_disposition")
            )
        }
        var recorded: [RecordedCall] = []
        var campaigns: [Int64: (Campaign, Bool)] = [:]
        var outcomes: [Int64: RecordOutcome] = [:]
        var updates: [LeadUpdate] = []
        var optOuts: [(Int64, String)] = []
        var events = HotStatement(
            dialect.insertInTransaction + " INTO events (org_id, campaign_id, type, payload, created_at) VALUES ")
        var eventRows: [[HotStatement.Value]] = []
        let millis = Millis.from(now)
        for call in fenced {
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
            updates.append(
                LeadUpdate(
                    id: call.leadId, status: status.rawValue, decision: decision, disposition: result.disposition))
            outcomes[call.callId] = .recorded(decision)
            recorded.append(
                RecordedCall(
                    call: call, result: result, decision: decision, leadUpdated: lead.inProgress,
                    oldDisposition: lead.disposition))
            let callPayload = JSONText.object(sortedFields: [
                ("callId", String(call.callId)), ("disposition", result.disposition ?? ""),
                ("leadId", String(call.leadId)), ("outcome", result.outcome.rawValue),
            ])
            let leadPayload = JSONText.object(sortedFields: [
                ("leadId", String(call.leadId)), ("status", status.rawValue),
            ])
            eventRows.append([
                .integer(call.orgId), .integer(call.campaignId), .text("call.ended"), .text(callPayload),
                .integer(millis),
            ])
            eventRows.append([
                .integer(call.orgId), .integer(call.campaignId), .text("campaign.lead.updated"), .text(leadPayload),
                .integer(millis),
            ])
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
        try await writeRollups(db, recorded)
        events.rows(eventRows)
        _ = try await run(events, db)
        return outcomes
    }

    /// Ends the calls that are not ended yet (`state <> 'ended'`), whoever holds their lease: of two ends of one
    /// call, on any node, exactly one lands. An end that does not know when or by whom the call was answered (an
    /// `interrupted` call) keeps what the call's progress recorded.
    private func endCalls(_ db: any SQLDatabase, _ calls: [EndedCall]) async throws -> [FencedCall] {
        var sql = HotStatement(
            """
            WITH v (id, started_at, answered_at, ended_at, outcome, answered_by, duration_seconds, turns, disposition,
            callback_at, provider_call_id) AS (VALUES\u{20}
            """)
        sql.rows(
            calls.map { call in
                let result = call.result
                return [
                    .integer(call.callId), Self.hot(Millis.from(result.startedAt)),
                    Self.hot(Millis.from(result.answeredAt)),
                    .integer(Millis.from(result.endedAt)), .text(result.outcome.rawValue),
                    Self.hot(result.answeredBy?.rawValue), .integer(Int64(result.durationSeconds)),
                    .integer(Int64(result.turns)), Self.hot(result.disposition),
                    Self.hot(Millis.from(result.callbackAt)), Self.hot(call.providerCallId),
                ]
            })
        sql.append(
            """
            ) \(dialect.updateInTransaction) calls SET state = 'ended', started_at = v.started_at,
            answered_at = COALESCE(v.answered_at, calls.answered_at),
            ended_at = v.ended_at, outcome = v.outcome, answered_by = COALESCE(v.answered_by, calls.answered_by),
            duration_seconds = v.duration_seconds, turns = v.turns, disposition = v.disposition,
            callback_at = v.callback_at, call_state = 'ended',
            provider_call_id = COALESCE(v.provider_call_id, calls.provider_call_id)
            FROM v WHERE calls.id = v.id AND calls.state <> 'ended'
            RETURNING calls.id AS id, calls.org_id AS org_id, calls.campaign_id AS campaign_id,
            calls.lead_id AS lead_id, calls.number_index AS number_index, calls.to_number AS to_number,
            calls.generation AS generation, calls.carrier_id AS carrier_id,
            calls.contact_timezone AS contact_timezone, calls.queued_at AS queued_at,
            calls.answered_at AS answered_at, calls.answered_by AS answered_by
            """)
        let columns = [
            "id", "org_id", "campaign_id", "lead_id", "number_index", "to_number", "generation", "carrier_id",
            "contact_timezone", "queued_at", "answered_at", "answered_by",
        ]
        return try await run(sql, db, columns: columns).map(FencedCall.init).sorted { $0.callId < $1.callId }
    }

    private func updateLeads(_ db: any SQLDatabase, _ updates: [LeadUpdate], now: Int64) async throws {
        guard !updates.isEmpty else { return }
        var sql = HotStatement(
            """
            WITH v (id, status, pass, number_index, stopped, callbacks, priority, next_at, last_outcome,
            last_disposition) AS (VALUES\u{20}
            """)
        sql.rows(
            updates.map { update in
                let decision = update.decision
                return [
                    .integer(update.id), .text(update.status), .integer(Int64(decision.pass)),
                    .integer(Int64(decision.numberIndex)), .text(Self.encodeStopped(decision.stoppedNumbers)),
                    .integer(Int64(decision.callbacks)),
                    .integer(Int64(decision.priority)), .integer(Millis.from(decision.nextAt) ?? 0),
                    .text(decision.retryKey), Self.hot(update.disposition),
                ]
            })
        sql.append(
            """
            ) \(dialect.updateInTransaction) leads SET status = v.status, pass = v.pass, number_index = v.number_index,
            stopped = v.stopped, callbacks = v.callbacks, priority = v.priority,
            next_at = v.next_at, last_outcome = v.last_outcome, last_disposition = v.last_disposition, updated_at =
            """)
        sql.bind(now)
        sql.append(" FROM v WHERE leads.id = v.id AND leads.status = 'in_progress'")
        _ = try await run(sql, db)
    }

    static func hot(_ value: Int64?) -> HotStatement.Value { value.map { .integer($0) } ?? .null }
    static func hot(_ value: String?) -> HotStatement.Value { value.map { .text($0) } ?? .null }

    public func expiredLeases(now: Date, campaignId: Int64?) async throws -> [LeasedAttempt] {
        try await serial { db in
            var sql = SQLQueryString(
                "SELECT * FROM calls WHERE state = 'live' AND lease_expires < \(bind: Millis.from(now))")
            if let campaignId {
                sql += " AND campaign_id = \(bind: campaignId)"
            } else {
                // Through the campaigns table so the search runs on calls_live (by campaign), the one index on live
                // calls, instead of scanning every call ever made.
                sql += " AND campaign_id IN (SELECT id FROM campaigns)"
            }
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
    /// The provider's reference for the call, when known (kept when nil).
    public var providerCallId: String?

    /// Creates an ended call.
    public init(callId: Int64, result: CallResult, providerCallId: String? = nil) {
        self.callId = callId
        self.result = result
        self.providerCallId = providerCallId
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
    let generation: Int64
    let carrierId: Int64?
    let contactTimezone: String
    let queuedAt: Int64
    /// When the call was answered, as its end or (when the end could not tell) its progress recorded it.
    let answeredAt: Int64?
    /// Who answered, likewise.
    let answeredBy: String?

    init(_ row: HotRow) throws {
        callId = try row.integer("id")
        orgId = try row.integer("org_id")
        campaignId = try row.integer("campaign_id")
        leadId = try row.integer("lead_id")
        numberIndex = try row.int("number_index")
        to = try row.text("to_number")
        generation = try row.integer("generation")
        carrierId = try row.optionalInteger("carrier_id")
        contactTimezone = try row.text("contact_timezone")
        queuedAt = try row.integer("queued_at")
        answeredAt = try row.optionalInteger("answered_at")
        answeredBy = try row.optionalText("answered_by")
    }
}

/// One lead's new state after its call.
struct LeadUpdate {
    let id: Int64
    let status: String
    let decision: LeadDecision
    let disposition: String?
}
