import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func promoteDueLeads(campaignId: Int64, now: Date) async throws -> Int {
        // One statement: atomic on its own, so no explicit transaction.
        try await serial { db in
            let rows = try await db.raw(
                """
                UPDATE leads SET status = 'pending'
                WHERE campaign_id = \(bind: campaignId) AND status = 'waiting' AND next_at <= \(bind: Millis.from(now))
                RETURNING id
                """
            ).all()
            return rows.count
        }
    }

    public func lease(_ request: LeaseRequest) async throws -> LeaseBatch {
        guard request.limit > 0, request.openZoneKeys?.isEmpty != true else {
            return LeaseBatch(attempts: [], settledOptOuts: 0)
        }
        return try await transaction { db in
            let campaign = request.campaign
            let budget = try await leaseBudget(db, request: request)
            let limit = budget.limit
            guard limit > 0 else {
                return LeaseBatch(attempts: [], settledOptOuts: 0, capacityReturnsAt: budget.returnsAt)
            }
            // Caller IDs come from the pool's outbound-capable numbers only; with none left nothing is dialled.
            let pool = campaign.settings.numberPool.filter(budget.outboundNumbers.contains)
            guard !pool.isEmpty else { return LeaseBatch(attempts: [], settledOptOuts: 0) }
            var select = HotStatement(
                """
                SELECT id, seq, numbers, (SELECT z.zone_key FROM zone_keys z WHERE z.id = leads.zone_id) AS zone_key,
                attempts, pass, number_index, stopped, callbacks
                FROM leads WHERE campaign_id =
                """)
            select.bind(campaign.id)
            select.append(" AND status = 'pending'")
            appendVisibleOnly(to: &select, campaignId: campaign.id)
            if let zones = request.openZoneKeys {
                select.append(" AND zone_id IN (SELECT id FROM zone_keys WHERE zone_key IN ")
                select.tuple(zones.map { .text($0) })
                select.append(")")
            }
            if campaign.settings.retry.numberStrategy == .sweep {
                select.append(" AND (priority = 1 OR pass <= (SELECT sweep_pass FROM campaigns WHERE id = ")
                select.bind(campaign.id)
                select.append("))")
            }
            select.append(" ORDER BY priority DESC, pass, seq LIMIT \(limit) \(dialect.skipLockedClause)")
            let candidates = try await run(select, db, columns: LeaseCandidate.columns).map(LeaseCandidate.init)
            guard !candidates.isEmpty else { return LeaseBatch(attempts: [], settledOptOuts: 0) }
            let optedOut = try await optedOutNumbers(
                db, orgId: campaign.orgId, numbers: candidates.map(\.currentNumber))
            var settled = 0
            var dialable: [LeaseCandidate] = []
            for candidate in candidates {
                if optedOut.contains(candidate.currentNumber) {
                    try await moveOffOptedOutNumber(
                        db, candidate: candidate, policy: campaign.settings.retry,
                        now: request.now)
                    settled += 1
                } else {
                    dialable.append(candidate)
                }
            }
            var capWaits: [String: Int] = [:]
            if !request.caps.isEmpty {
                dialable = try await holdCappedLeads(db, candidates: dialable, request: request, waits: &capWaits)
            }
            guard !dialable.isEmpty else {
                return LeaseBatch(attempts: [], settledOptOuts: settled, capWaits: capWaits)
            }
            let attempts = try await insertAttempts(
                db, candidates: dialable, request: request, pool: pool, carriers: budget.carrierByNumber)
            return LeaseBatch(attempts: attempts, settledOptOuts: settled, capWaits: capWaits)
        }
    }

    public func failLeads(
        campaignId: Int64, zoneKey: String, reason: String, blockedBy: String?, now: Date
    ) async throws -> Int {
        try await transaction { db in
            try await db.raw(
                """
                UPDATE leads SET status = 'failed', last_outcome = \(bind: reason), blocked_by = \(bind: blockedBy),
                updated_at = \(bind: Millis.from(now))
                WHERE campaign_id = \(bind: campaignId)
                AND zone_id IN (SELECT id FROM zone_keys WHERE zone_key = \(bind: zoneKey))
                AND status IN ('pending', 'waiting')
                RETURNING id
                """
            ).all().count
        }
    }

    private func insertAttempts(
        _ db: any SQLDatabase, candidates: [LeaseCandidate], request: LeaseRequest, pool: [String],
        carriers: [String: Int64]
    ) async throws -> [LeasedAttempt] {
        let campaign = request.campaign
        let settings = campaign.settings
        let now = Millis.from(request.now)
        let expires = Millis.from(request.now.addingTimeInterval(request.leaseDuration))
        var update = HotStatement(
            dialect.updateInTransaction
                + " leads SET status = 'in_progress', attempts = attempts + 1, blocked_by = NULL, updated_at = "
        )
        update.bind(now)
        update.append(" WHERE status = 'pending' AND id IN (")
        update.rows(candidates.map { [.integer($0.id)] }, parenthesized: false)
        update.append(")")
        _ = try await run(update, db)
        var insert = HotStatement(
            dialect.insertInTransaction + """
                 INTO calls (org_id, campaign_id, lead_id, generation, attempt, pass, number_index,
                to_number, from_number, contact_timezone, queued_at, state, lease_owner, lease_expires, carrier_id) VALUES\u{20}
                """)
        var pending: [Int64: LeasedAttempt] = [:]
        var rows: [[HotStatement.Value]] = []
        let usable = Set(pool)
        let slots = settings.callerIdSlots.filter(usable.contains)
        for candidate in candidates {
            let from = settings.callerIdStrategy.callerId(
                pool: pool, slots: slots.isEmpty ? pool : slots, attemptIndex: candidate.attempts,
                contactOrdinal: Int(candidate.seq))
            let zone: String
            switch settings.window.timezone {
            case .named(let named): zone = named.identifier
            case .recipient: zone = DialKey.zoneKey(of: candidate.zoneKey)
            }
            rows.append([
                .integer(campaign.orgId), .integer(campaign.id), .integer(candidate.id),
                .integer(Int64(campaign.generation)), .integer(Int64(candidate.attempts + 1)),
                .integer(Int64(candidate.pass)), .integer(Int64(candidate.numberIndex)),
                .text(candidate.currentNumber), .text(from), .text(zone), .integer(now), .text("live"),
                .text(request.owner), .integer(expires), Self.hot(carriers[from]),
            ])
            pending[candidate.id] = LeasedAttempt(
                callId: 0, orgId: campaign.orgId, campaignId: campaign.id, leadId: candidate.id,
                attempt: candidate.attempts + 1, pass: candidate.pass, numberIndex: candidate.numberIndex,
                to: candidate.currentNumber, from: from, contactTimezone: zone, queuedAt: Millis.date(now),
                leaseOwner: request.owner, leaseExpires: Millis.date(expires))
        }
        insert.rows(rows)
        insert.append(" RETURNING id, lead_id")
        var attempts: [LeasedAttempt] = []
        for row in try await run(insert, db, columns: ["id", "lead_id"]) {
            guard var attempt = pending[try row.integer("lead_id")] else { continue }
            attempt.callId = try row.integer("id")
            attempts.append(attempt)
        }
        attempts.sort { $0.callId < $1.callId }
        try await insertCallStartedEvents(db, attempts, now: now)
        return attempts
    }

    private func optedOutNumbers(_ db: any SQLDatabase, orgId: Int64, numbers: [String]) async throws -> Set<String> {
        let rows = try await db.raw(
            """
            SELECT e164 FROM opt_outs WHERE org_id = \(bind: orgId) AND e164 IN (\(binds: Array(Set(numbers))))
            """
        ).all()
        return Set(try rows.map { try $0.decode(column: "e164", as: String.self) })
    }

    /// A due lead whose next number is on the opt-out list: stop that number, move to another or finish the lead.
    private func moveOffOptedOutNumber(
        _ db: any SQLDatabase, candidate: LeaseCandidate, policy: RetryPolicy,
        now: Date
    ) async throws {
        var stopped = candidate.stopped
        stopped.insert(candidate.numberIndex)
        let progress = LeadProgress(
            attempts: candidate.attempts, pass: candidate.pass, numberIndex: candidate.numberIndex,
            numberCount: candidate.numbers.count, stoppedNumbers: stopped, callbacks: candidate.callbacks)
        let millis = Millis.from(now)
        let next = RetryRules.replacementNumber(lead: progress, stopped: stopped, policy: policy)
        if let next, next.pass != candidate.pass {
            // A sweep whose pass has no live number left: the next pass, after the delay, as after a call.
            let nextAt = Millis.from(now.addingTimeInterval(Double(policy.delayMinutes) * 60))
            try await db.raw(
                """
                UPDATE leads SET status = 'waiting', next_at = \(bind: nextAt), pass = \(bind: next.pass),
                number_index = \(bind: next.index), stopped = \(bind: Self.encodeStopped(stopped)),
                updated_at = \(bind: millis) WHERE id = \(bind: candidate.id)
                """
            ).run()
        } else if let next {
            try await db.raw(
                """
                UPDATE leads SET number_index = \(bind: next.index), stopped = \(bind: Self.encodeStopped(stopped)),
                updated_at = \(bind: millis) WHERE id = \(bind: candidate.id)
                """
            ).run()
        } else {
            try await db.raw(
                """
                UPDATE leads SET status = 'failed', stopped = \(bind: Self.encodeStopped(stopped)),
                last_outcome = 'opted_out', updated_at = \(bind: millis) WHERE id = \(bind: candidate.id)
                """
            ).run()
        }
    }
}

/// A pending lead picked for leasing.
struct LeaseCandidate {
    let id: Int64
    let seq: Int64
    let numbers: [String]
    let zoneKey: String
    let attempts: Int
    let pass: Int
    let numberIndex: Int
    /// The number to dial: `numbers[numberIndex]`.
    let currentNumber: String
    let stopped: Set<Int>
    let callbacks: Int

    static let columns = [
        "id", "seq", "numbers", "zone_key", "attempts", "pass", "number_index", "stopped", "callbacks",
    ]

    init(_ row: HotRow) throws {
        id = try row.integer("id")
        seq = try row.integer("seq")
        numbers = try row.text("numbers").split(separator: "|").map(String.init)
        zoneKey = try row.text("zone_key")
        attempts = try row.int("attempts")
        pass = try row.int("pass")
        numberIndex = try row.int("number_index")
        guard numbers.indices.contains(numberIndex) else {
            throw StoreError.database("lead \(id) has number index \(numberIndex) of \(numbers.count) numbers")
        }
        currentNumber = numbers[numberIndex]
        stopped = SQLCampaignStore.decodeStopped(try row.text("stopped"))
        callbacks = try row.int("callbacks")
    }
}
