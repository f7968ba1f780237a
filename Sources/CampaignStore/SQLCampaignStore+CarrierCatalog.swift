import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func carriers(orgId: Int64, afterId: Int64?, limit: Int) async throws -> [Carrier] {
        try await read { db in
            try await db.raw(
                """
                SELECT * FROM carriers WHERE org_id = \(bind: orgId) AND id > \(bind: afterId ?? 0)
                ORDER BY id LIMIT \(bind: limit)
                """
            ).all().map(Self.carrier(from:))
        }
    }

    public func carrier(orgId: Int64, id: Int64) async throws -> Carrier? {
        try await read { db in try await loadCarrier(db, orgId: orgId, id: id) }
    }

    public func createCarrier(orgId: Int64, draft: CarrierDraft, now: Date) async throws -> Carrier {
        try await transaction { db in
            let taken = try await db.raw(
                "SELECT id FROM carriers WHERE org_id = \(bind: orgId) AND name = \(bind: draft.name)"
            ).first()
            if let taken {
                let id = try taken.decode(column: "id", as: Int64.self)
                throw CatalogError.taken(field: "name", detail: "carrier \(id) is already named '\(draft.name)'")
            }
            let id = try await insertReturningId(
                db,
                """
                INSERT INTO carriers (org_id, name, kind, calls_per_second, address, username, password,
                ring_timeout_seconds, rate_per_minute, billing_increment_seconds, created_at)
                VALUES (\(bind: orgId), \(bind: draft.name), \(bind: draft.kind.rawValue), \(bind: draft.cps),
                \(bind: draft.address), \(bind: draft.username), \(bind: draft.password),
                \(bind: draft.ringTimeoutSeconds), \(bind: draft.ratePerMinute?.micros),
                \(bind: draft.billingIncrementSeconds), \(bind: Millis.from(now)))
                """)
            guard let carrier = try await loadCarrier(db, orgId: orgId, id: id) else {
                throw StoreError.database("carrier \(id) was not stored")
            }
            try await recordAudit(
                db, orgId: orgId, action: "carrier.create", target: ("carrier", id),
                detail: ["name": draft.name, "kind": draft.kind.rawValue], now: now)
            return carrier
        }
    }

    public func deleteCarrier(orgId: Int64, id: Int64, now: Date) async throws {
        try await transaction { db in
            guard try await loadCarrier(db, orgId: orgId, id: id) != nil else {
                throw CatalogError.notFound(kind: "carrier", id: String(id))
            }
            let users = try await db.raw(
                """
                SELECT e164 FROM phone_numbers WHERE org_id = \(bind: orgId) AND carrier_id = \(bind: id)
                ORDER BY e164
                """
            ).all().map { "number \(try $0.decode(column: "e164", as: String.self))" }
            guard users.isEmpty else { throw CatalogError.inUse(kind: "carrier", id: String(id), users: users) }
            try await db.raw("DELETE FROM carriers WHERE id = \(bind: id) AND org_id = \(bind: orgId)").run()
            try await recordAudit(db, orgId: orgId, action: "carrier.delete", target: ("carrier", id), now: now)
        }
    }

    func loadCarrier(_ db: any SQLDatabase, orgId: Int64, id: Int64) async throws -> Carrier? {
        try await db.raw("SELECT * FROM carriers WHERE id = \(bind: id) AND org_id = \(bind: orgId)").first()
            .map(Self.carrier(from:))
    }

    static func carrier(from row: any SQLRow) throws -> Carrier {
        let kindText = try row.decode(column: "kind", as: String.self)
        guard let kind = CarrierKind(parsing: kindText) else {
            throw StoreError.database("a carrier has the unknown kind '\(kindText)'")
        }
        let draft = CarrierDraft(
            name: try row.decode(column: "name", as: String.self), kind: kind,
            address: try row.decode(column: "address", as: String.self),
            username: try row.decode(column: "username", as: String.self),
            cps: try row.decode(column: "calls_per_second", as: Int?.self),
            ringTimeoutSeconds: try row.decode(column: "ring_timeout_seconds", as: Int.self),
            ratePerMinute: try row.decode(column: "rate_per_minute", as: Int64?.self).map(MicroAmount.init(micros:)),
            billingIncrementSeconds: try row.decode(column: "billing_increment_seconds", as: Int.self))
        return Carrier(
            id: try row.decode(column: "id", as: Int64.self), orgId: try row.decode(column: "org_id", as: Int64.self),
            settings: draft, hasPassword: !(try row.decode(column: "password", as: String?.self) ?? "").isEmpty)
    }
}
