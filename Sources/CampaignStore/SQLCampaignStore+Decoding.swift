import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    func loadCampaign(_ db: any SQLDatabase, id: Int64) async throws -> Campaign? {
        guard let row = try await db.raw("SELECT * FROM campaigns WHERE id = \(bind: id)").first() else { return nil }
        let settings = try cachedSettings(campaignId: id, json: try row.decode(column: "settings", as: String.self))
        guard let status = CampaignStatus(rawValue: try row.decode(column: "status", as: String.self)) else {
            throw StoreError.database("campaign \(id) has an unknown status")
        }
        return Campaign(
            id: id, orgId: try row.decode(column: "org_id", as: Int64.self),
            agentId: try row.decode(column: "agent_id", as: Int64.self), status: status, settings: settings,
            hasRun: try row.decode(column: "has_run", as: Int.self) != 0,
            generation: try row.decode(column: "generation", as: Int.self))
    }

    /// Parsing the settings document on every load is the cost worth saving; the stored text is the cache key.
    private func cachedSettings(campaignId: Int64, json: String) throws -> CampaignSettings {
        if let hit = settingsCache.withLock({ $0[campaignId] }), hit.json == json { return hit.settings }
        // Checked against the phone metadata when written; a numbering-plan change must not make it unloadable.
        let settings = try CampaignSettings.parse(Data(json.utf8), numbers: WellFormedNumbers())
        settingsCache.withLock { $0[campaignId] = (json, settings) }
        return settings
    }

    func decodeAgent(_ row: any SQLRow) throws -> Agent {
        Agent(
            id: try row.decode(column: "id", as: Int64.self), orgId: try row.decode(column: "org_id", as: Int64.self),
            profile: AgentProfile(
                name: try row.decode(column: "name", as: String.self),
                greeting: try row.decode(column: "greeting", as: String.self),
                prompt: try row.decode(column: "prompt", as: String.self),
                voicemailMessage: try row.decode(column: "voicemail_message", as: String.self),
                callbacks: try row.decode(column: "callbacks", as: Int.self) != 0))
    }

    func decodeAttempt(_ row: any SQLRow) throws -> LeasedAttempt {
        LeasedAttempt(
            callId: try row.decode(column: "id", as: Int64.self),
            orgId: try row.decode(column: "org_id", as: Int64.self),
            campaignId: try row.decode(column: "campaign_id", as: Int64.self),
            leadId: try row.decode(column: "lead_id", as: Int64.self),
            attempt: try row.decode(column: "attempt", as: Int.self),
            pass: try row.decode(column: "pass", as: Int.self),
            numberIndex: try row.decode(column: "number_index", as: Int.self),
            to: try row.decode(column: "to_number", as: String.self),
            from: try row.decode(column: "from_number", as: String.self),
            contactTimezone: try row.decode(column: "contact_timezone", as: String.self),
            queuedAt: Millis.date(try row.decode(column: "queued_at", as: Int64.self)),
            leaseOwner: try row.decode(column: "lease_owner", as: String.self),
            leaseExpires: Millis.date(try row.decode(column: "lease_expires", as: Int64.self)))
    }

    func decodeCall(_ row: any SQLRow) throws -> CallRecord {
        func optionalMillis(_ column: String) throws -> Date? {
            Millis.optionalDate(try row.decode(column: column, as: Int64?.self))
        }
        var result: CallResult?
        if let endedAt = try optionalMillis("ended_at"),
            let outcome = CallOutcome(rawValue: try row.decode(column: "outcome", as: String?.self) ?? "")
        {
            result = CallResult(
                startedAt: try optionalMillis("started_at"), answeredAt: try optionalMillis("answered_at"),
                endedAt: endedAt, outcome: outcome,
                answeredBy: (try row.decode(column: "answered_by", as: String?.self)).flatMap(AnsweredBy.init),
                turns: try row.decode(column: "turns", as: Int?.self) ?? 0,
                disposition: try row.decode(column: "disposition", as: String?.self),
                callbackAt: try optionalMillis("callback_at"))
        }
        return CallRecord(
            id: try row.decode(column: "id", as: Int64.self), orgId: try row.decode(column: "org_id", as: Int64.self),
            campaignId: try row.decode(column: "campaign_id", as: Int64.self),
            leadId: try row.decode(column: "lead_id", as: Int64.self),
            attempt: try row.decode(column: "attempt", as: Int.self),
            pass: try row.decode(column: "pass", as: Int.self),
            numberIndex: try row.decode(column: "number_index", as: Int.self),
            to: try row.decode(column: "to_number", as: String.self),
            from: try row.decode(column: "from_number", as: String.self),
            contactTimezone: try row.decode(column: "contact_timezone", as: String.self),
            queuedAt: Millis.date(try row.decode(column: "queued_at", as: Int64.self)), result: result,
            run: try row.decode(column: "generation", as: Int.self),
            cost: try row.decode(column: "cost_micros", as: Int64?.self).map { Decimal($0) / 1_000_000 })
    }

    static func decodeStopped(_ text: String) -> Set<Int> {
        Set(text.split(separator: ",").compactMap { Int($0) })
    }

    static func encodeStopped(_ set: Set<Int>) -> String {
        set.sorted().map(String.init).joined(separator: ",")
    }
}
