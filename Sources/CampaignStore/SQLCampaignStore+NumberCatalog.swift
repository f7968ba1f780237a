import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func numbers(orgId: Int64, afterId: Int64?, limit: Int) async throws -> [OwnedNumber] {
        try await read { db in
            try await db.raw(
                """
                SELECT * FROM phone_numbers WHERE org_id = \(bind: orgId) AND id > \(bind: afterId ?? 0)
                ORDER BY id LIMIT \(bind: limit)
                """
            ).all().map(Self.number(from:))
        }
    }

    public func number(orgId: Int64, id: Int64) async throws -> OwnedNumber? {
        try await read { db in
            try await db.raw("SELECT * FROM phone_numbers WHERE id = \(bind: id) AND org_id = \(bind: orgId)").first()
                .map(Self.number(from:))
        }
    }

    public func createNumber(
        orgId: Int64, e164: String, label: String, carrierId: Int64?, outbound: Bool, now: Date
    ) async throws -> OwnedNumber {
        try await transaction { db in
            if let carrierId, try await loadCarrier(db, orgId: orgId, id: carrierId) == nil {
                throw CatalogError.invalid(field: "carrierId", detail: "carrier \(carrierId) not found")
            }
            let taken = try await db.raw(
                "SELECT id FROM phone_numbers WHERE org_id = \(bind: orgId) AND e164 = \(bind: e164)"
            ).first()
            if let taken {
                let id = try taken.decode(column: "id", as: Int64.self)
                throw CatalogError.taken(field: "e164", detail: "\(e164) is already number \(id)")
            }
            let id = try await insertReturningId(
                db,
                """
                INSERT INTO phone_numbers (org_id, e164, label, outbound, carrier_id, created_at)
                VALUES (\(bind: orgId), \(bind: e164), \(bind: label), \(bind: outbound ? 1 : 0), \(bind: carrierId),
                \(bind: Millis.from(now)))
                """)
            try await recordAudit(
                db, orgId: orgId, action: "number.create", target: ("number", id),
                detail: ["number": e164, "outbound": "\(outbound)"], now: now)
            return OwnedNumber(
                id: id, orgId: orgId, e164: e164, label: label, outbound: outbound, carrierId: carrierId)
        }
    }

    public func deleteNumber(orgId: Int64, id: Int64, now: Date) async throws {
        try await transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT e164 FROM phone_numbers WHERE id = \(bind: id) AND org_id = \(bind: orgId)"
                ).first()
            else { throw CatalogError.notFound(kind: "number", id: String(id)) }
            let e164 = try row.decode(column: "e164", as: String.self)
            let users = try await campaignsNaming(db, orgId: orgId, e164: e164)
            guard users.isEmpty else { throw CatalogError.inUse(kind: "number", id: e164, users: users) }
            try await db.raw("DELETE FROM phone_numbers WHERE id = \(bind: id) AND org_id = \(bind: orgId)").run()
            try await recordAudit(
                db, orgId: orgId, action: "number.delete", target: ("number", id), detail: ["number": e164], now: now)
        }
    }

    public func poolProblems(
        orgId: Int64, pool: [String], requireOwned: Bool
    ) async throws -> [(e164: String, reason: String)] {
        try await read { db in try await poolProblems(db, orgId: orgId, pool: pool, requireOwned: requireOwned) }
    }

    func poolProblems(
        _ db: any SQLDatabase, orgId: Int64, pool: [String], requireOwned: Bool
    ) async throws -> [(e164: String, reason: String)] {
        guard !pool.isEmpty else { return [] }
        var outbound: [String: Bool] = [:]
        for row in try await db.raw(
            "SELECT e164, outbound FROM phone_numbers WHERE org_id = \(bind: orgId) AND e164 IN (\(binds: pool))"
        ).all() {
            outbound[try row.decode(column: "e164", as: String.self)] =
                try row.decode(column: "outbound", as: Int.self) != 0
        }
        return pool.compactMap { e164 in
            switch outbound[e164] {
            case false?: (e164, "is inbound-only: it cannot place calls")
            case nil where requireOwned: (e164, "is not a number of this organisation (register it at /v1/numbers)")
            default: nil
            }
        }
    }

    public func createCampaign(
        orgId: Int64, agentId: Int64?, settings: CampaignSettings, requireOwnedPool: Bool, now: Date
    ) async throws -> Int64 {
        try settings.validate(numbers: WellFormedNumbers())
        return try await transaction { db in
            let problems = try await poolProblems(
                db, orgId: orgId, pool: settings.numberPool, requireOwned: requireOwnedPool)
            if let first = problems.first {
                throw CatalogError.invalid(field: "numberPool", detail: "\(first.e164) \(first.reason)")
            }
            let agent: Int64
            if let agentId {
                guard try await loadAgent(db, orgId: orgId, id: agentId) != nil else {
                    throw CatalogError.invalid(field: "agentId", detail: "agent \(agentId) not found")
                }
                agent = agentId
            } else {
                agent = try await insertAgent(db, orgId: orgId, profile: settings.agent, now: now)
            }
            try await insertNumbers(db, orgId: orgId, numbers: settings.numberPool, outbound: true, now: now)
            let id = try await insertCampaign(db, orgId: orgId, agentId: agent, settings: settings, now: now)
            try await recordAudit(
                db, orgId: orgId, action: "campaign.create", target: ("campaign", id),
                detail: ["name": settings.name, "agent": "\(agent)"], now: now)
            return id
        }
    }

    static func number(from row: any SQLRow) throws -> OwnedNumber {
        OwnedNumber(
            id: try row.decode(column: "id", as: Int64.self), orgId: try row.decode(column: "org_id", as: Int64.self),
            e164: try row.decode(column: "e164", as: String.self),
            label: try row.decode(column: "label", as: String.self),
            outbound: try row.decode(column: "outbound", as: Int.self) != 0,
            carrierId: try row.decode(column: "carrier_id", as: Int64?.self))
    }
}
