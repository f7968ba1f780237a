import CampaignCore
import Foundation
import SQLKit

/// How many attempts may start now, and when more may start if a rate cap is what stops them.
struct LeaseBudget {
    var limit: Int
    var returnsAt: Date?
    /// Carrier of each pool number that has one, to stamp on the call rows.
    var carrierByNumber: [String: Int64] = [:]
    /// The pool numbers that may place calls (registered and not inbound-only).
    var outboundNumbers: Set<String> = []

    mutating func cap(_ remaining: Int, returnsAt: Date?) {
        if remaining < limit {
            limit = max(0, remaining)
            if limit == 0 { self.returnsAt = returnsAt }
        }
    }
}

extension SQLCampaignStore {
    /// The tightest of: the campaign's free slots, the organisation's concurrency cap, the calls-per-hour cap and
    /// every pool carrier's calls-per-second limit (SPEC §5); also which pool numbers may place calls.
    func leaseBudget(_ db: any SQLDatabase, request: LeaseRequest) async throws -> LeaseBudget {
        let campaign = request.campaign
        let now = Millis.from(request.now)
        let free = campaign.settings.outboundSlots - (try await countLive(db, campaignId: campaign.id))
        var budget = LeaseBudget(limit: min(request.limit, free))
        guard budget.limit > 0 else { return budget }

        let orgCap = try await db.raw("SELECT concurrency_cap FROM organizations WHERE id = \(bind: campaign.orgId)")
            .first()?.decode(column: "concurrency_cap", as: Int?.self)
        if let orgCap {
            let live =
                try await db.raw(
                    """
                    SELECT COUNT(*) AS n FROM calls WHERE state = 'live'
                    AND campaign_id IN (SELECT id FROM campaigns WHERE org_id = \(bind: campaign.orgId))
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            budget.cap(orgCap - live, returnsAt: nil)
        }
        if let perHour = campaign.settings.callsPerHour {
            let recent = try await recentQueuedTimes(
                db, filter: "campaign_id = \(campaign.id)", since: now - 3_600_000, limit: perHour)
            budget.cap(perHour - recent.count, returnsAt: recent.first.map { Millis.date($0 + 3_600_001) })
        }
        // Every lease reads the pool's numbers: a hot statement, prepared once and read without SQLKit's decoding.
        var numbers = HotStatement(
            """
            SELECT p.e164, p.outbound, c.id AS carrier, c.calls_per_second AS cps FROM phone_numbers p
            LEFT JOIN carriers c ON c.id = p.carrier_id WHERE p.org_id =
            """)
        numbers.bind(campaign.orgId)
        numbers.append(" AND p.e164 IN ")
        numbers.tuple(campaign.settings.numberPool.map { .text($0) })
        var checked = Set<Int64>()
        for row in try await run(numbers, db, columns: ["e164", "outbound", "carrier", "cps"]) {
            let e164 = try row.text("e164")
            guard try row.integer("outbound") != 0 else { continue }
            budget.outboundNumbers.insert(e164)
            guard let carrier = try? row.integer("carrier") else { continue }
            budget.carrierByNumber[e164] = carrier
            guard checked.insert(carrier).inserted, let perSecond = try? row.int("cps") else { continue }
            let recent = try await recentQueuedTimes(
                db, filter: "carrier_id = \(carrier)", since: now - 1000, limit: perSecond)
            budget.cap(perSecond - recent.count, returnsAt: recent.first.map { Millis.date($0 + 1001) })
        }
        return budget
    }

    /// Queue times after `since` (oldest first, at most `limit`) of calls matching a trusted integer filter.
    private func recentQueuedTimes(
        _ db: any SQLDatabase, filter: String, since: Int64, limit: Int
    ) async throws
        -> [Int64]
    {
        try await db.raw(
            """
            SELECT queued_at FROM calls WHERE \(unsafeRaw: filter) AND queued_at > \(bind: since)
            ORDER BY queued_at LIMIT \(literal: limit)
            """
        ).all().map { try $0.decode(column: "queued_at", as: Int64.self) }
    }
}
