import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func recordEnded(
        callId: Int64, owner: String, result: CallResult, now: Date
    ) async throws
        -> RecordOutcome
    {
        try await transaction { db in
            let fenced = try await db.raw(
                """
                UPDATE calls SET state = 'ended', started_at = \(bind: Millis.from(result.startedAt)),
                answered_at = \(bind: Millis.from(result.answeredAt)), ended_at = \(bind: Millis.from(result.endedAt)),
                outcome = \(bind: result.outcome.rawValue), answered_by = \(bind: result.answeredBy?.rawValue),
                duration_seconds = \(bind: result.durationSeconds), turns = \(bind: result.turns),
                disposition = \(bind: result.disposition), callback_at = \(bind: Millis.from(result.callbackAt))
                WHERE id = \(bind: callId) AND lease_owner = \(bind: owner) AND state = 'live'
                RETURNING org_id, campaign_id, lead_id, number_index, to_number
                """
            ).first()
            guard let fenced else { return RecordOutcome.leaseLost }
            let orgId = try fenced.decode(column: "org_id", as: Int64.self)
            let campaignId = try fenced.decode(column: "campaign_id", as: Int64.self)
            let leadId = try fenced.decode(column: "lead_id", as: Int64.self)
            let numberIndex = try fenced.decode(column: "number_index", as: Int.self)
            let dialled = try fenced.decode(column: "to_number", as: String.self)
            guard let campaign = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            let agentCallbacks =
                try await db.raw("SELECT callbacks FROM agents WHERE id = \(bind: campaign.agentId)")
                .first()?.decode(column: "callbacks", as: Int.self) ?? 0
            guard let lead = try await db.raw("SELECT * FROM leads WHERE id = \(bind: leadId)").first() else {
                throw StoreError.database("call \(callId) has no lead")
            }
            let numbers = try lead.decode(column: "numbers", as: String.self).split(separator: "|").map(String.init)
            let progress = LeadProgress(
                attempts: try lead.decode(column: "attempts", as: Int.self),
                pass: try lead.decode(column: "pass", as: Int.self), numberIndex: numberIndex,
                numberCount: numbers.count,
                stoppedNumbers: Self.decodeStopped(try lead.decode(column: "stopped", as: String.self)),
                callbacks: try lead.decode(column: "callbacks", as: Int.self))
            let decision = RetryRules.decide(
                lead: progress, result: result, settings: campaign.settings, agentAllowsCallbacks: agentCallbacks != 0)
            let millis = Millis.from(now)
            if decision.optOutNumber {
                try await db.raw(
                    """
                    INSERT INTO opt_outs (org_id, e164, source, created_at)
                    VALUES (\(bind: orgId), \(bind: dialled), 'disposition', \(bind: millis))
                    ON CONFLICT (org_id, e164) DO NOTHING
                    """
                ).run()
            }
            let status: String
            if decision.status == .pending, let nextAt = decision.nextAt, nextAt > now {
                status = LeadStatus.waiting.rawValue
            } else {
                status = decision.status.rawValue
            }
            let nextNumber = numbers.indices.contains(decision.numberIndex) ? numbers[decision.numberIndex] : dialled
            try await db.raw(
                """
                UPDATE leads SET status = \(bind: status), pass = \(bind: decision.pass),
                number_index = \(bind: decision.numberIndex), current_number = \(bind: nextNumber),
                stopped = \(bind: Self.encodeStopped(decision.stoppedNumbers)), callbacks = \(bind: decision.callbacks),
                priority = \(bind: decision.priority), next_at = \(bind: Millis.from(decision.nextAt) ?? 0),
                last_outcome = \(bind: decision.retryKey), last_disposition = \(bind: result.disposition),
                updated_at = \(bind: millis)
                WHERE id = \(bind: leadId) AND status = 'in_progress'
                """
            ).run()
            try await insertEvent(
                db, orgId: orgId, campaignId: campaignId, type: "call.ended",
                payload: [
                    "callId": "\(callId)", "outcome": result.outcome.rawValue,
                    "disposition": result.disposition ?? "",
                ], now: now)
            try await insertEvent(
                db, orgId: orgId, campaignId: campaignId, type: "campaign.lead.updated",
                payload: ["leadId": "\(leadId)", "status": status], now: now)
            return RecordOutcome.recorded(decision)
        }
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
