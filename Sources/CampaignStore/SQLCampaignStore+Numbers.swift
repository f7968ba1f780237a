import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// Creates the campaign's agent from its settings, registers its pool numbers and creates the draft, all in one
    /// transaction: a failure anywhere leaves none of them behind.
    public func createCampaign(orgId: Int64, settings: CampaignSettings, now: Date) async throws -> Int64 {
        try settings.validate(numbers: WellFormedNumbers())
        return try await transaction { db in
            let agentId = try await insertAgent(db, orgId: orgId, profile: settings.agent, now: now)
            try await insertNumbers(db, orgId: orgId, numbers: settings.numberPool, outbound: true, now: now)
            let id = try await insertCampaign(db, orgId: orgId, agentId: agentId, settings: settings, now: now)
            try await recordAudit(
                db, orgId: orgId, action: "campaign.create", target: ("campaign", id), detail: ["name": settings.name],
                now: now)
            return id
        }
    }

    /// Marks a number the organisation owns as able to place calls or as inbound-only (registering it when new).
    public func setNumberOutbound(orgId: Int64, e164: String, outbound: Bool, now: Date) async throws {
        try await transaction { db in
            try await db.raw(
                """
                INSERT INTO phone_numbers (org_id, e164, label, outbound, created_at)
                VALUES (\(bind: orgId), \(bind: e164), '', \(bind: outbound ? 1 : 0), \(bind: Millis.from(now)))
                ON CONFLICT (org_id, e164) DO UPDATE SET outbound = excluded.outbound
                """
            ).run()
        }
    }

    /// The numbers the organisation owns, in E.164 order.
    public func ownedNumbers(orgId: Int64) async throws -> [OwnedNumber] {
        try await read { db in
            try await db.raw(
                "SELECT id, e164, label, outbound FROM phone_numbers WHERE org_id = \(bind: orgId) ORDER BY e164"
            ).all().map { row in
                OwnedNumber(
                    id: try row.decode(column: "id", as: Int64.self), orgId: orgId,
                    e164: try row.decode(column: "e164", as: String.self),
                    label: try row.decode(column: "label", as: String.self),
                    outbound: try row.decode(column: "outbound", as: Int.self) != 0)
            }
        }
    }

    /// The pool numbers that may place calls, in pool order (a number the organisation has not registered, or has
    /// marked inbound-only, may not).
    func outboundPool(_ db: any SQLDatabase, orgId: Int64, pool: [String]) async throws -> [String] {
        let capable = Set(
            try await db.raw(
                """
                SELECT e164 FROM phone_numbers WHERE org_id = \(bind: orgId) AND outbound = 1
                AND e164 IN (\(binds: pool))
                """
            ).all().map { try $0.decode(column: "e164", as: String.self) })
        return pool.filter(capable.contains)
    }
}
