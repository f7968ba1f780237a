import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func updateCarrier(orgId: Int64, id: Int64, draft: CarrierDraft, now: Date) async throws -> Carrier {
        try await transaction { db in
            guard try await loadCarrier(db, orgId: orgId, id: id) != nil else {
                throw CatalogError.notFound(kind: "carrier", id: String(id))
            }
            if let taken = try await db.raw(
                """
                SELECT id FROM carriers WHERE org_id = \(bind: orgId) AND name = \(bind: draft.name)
                AND id <> \(bind: id)
                """
            ).first() {
                let other = try taken.decode(column: "id", as: Int64.self)
                throw CatalogError.taken(field: "name", detail: "carrier \(other) is already named '\(draft.name)'")
            }
            var statement: SQLQueryString = """
                UPDATE carriers SET name = \(bind: draft.name), kind = \(bind: draft.kind.rawValue),
                calls_per_second = \(bind: draft.cps), address = \(bind: draft.address),
                username = \(bind: draft.username), ring_timeout_seconds = \(bind: draft.ringTimeoutSeconds),
                rate_per_minute = \(bind: draft.ratePerMinute?.micros),
                billing_increment_seconds = \(bind: draft.billingIncrementSeconds)
                """
            if let password = draft.password { statement += ", password = \(bind: password)" }
            statement += " WHERE id = \(bind: id) AND org_id = \(bind: orgId)"
            try await db.raw(statement).run()
            guard let carrier = try await loadCarrier(db, orgId: orgId, id: id) else {
                throw StoreError.database("carrier \(id) was not stored")
            }
            var detail = ["name": draft.name, "kind": draft.kind.rawValue]
            if draft.password != nil { detail["password"] = "changed" }
            try await recordAudit(
                db, orgId: orgId, action: "carrier.update", target: ("carrier", id), detail: detail, now: now)
            return carrier
        }
    }

    public func updateNumber(
        orgId: Int64, id: Int64, label: String, carrierId: Int64?, outbound: Bool, now: Date
    ) async throws -> OwnedNumber {
        try await transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT * FROM phone_numbers WHERE id = \(bind: id) AND org_id = \(bind: orgId)"
                ).first()
            else { throw CatalogError.notFound(kind: "number", id: String(id)) }
            let current = try Self.number(from: row)
            if let carrierId, try await loadCarrier(db, orgId: orgId, id: carrierId) == nil {
                throw CatalogError.invalid(field: "carrierId", detail: "carrier \(carrierId) not found")
            }
            if current.outbound && !outbound {
                let users = try await campaignsNaming(db, orgId: orgId, e164: current.e164)
                guard users.isEmpty else { throw CatalogError.inUse(kind: "number", id: current.e164, users: users) }
            }
            try await db.raw(
                """
                UPDATE phone_numbers SET label = \(bind: label), carrier_id = \(bind: carrierId),
                outbound = \(bind: outbound ? 1 : 0) WHERE id = \(bind: id) AND org_id = \(bind: orgId)
                """
            ).run()
            try await recordAudit(
                db, orgId: orgId, action: "number.update", target: ("number", id),
                detail: ["number": current.e164, "outbound": "\(outbound)"], now: now)
            return OwnedNumber(
                id: id, orgId: orgId, e164: current.e164, label: label, outbound: outbound, carrierId: carrierId)
        }
    }

    /// The names of the organisation's campaigns whose pool or caller-ID slots name `e164`.
    func campaignsNaming(_ db: any SQLDatabase, orgId: Int64, e164: String) async throws -> [String] {
        // The LIKE finds candidates; the parsed settings decide (a pool or caller-ID slot naming the number).
        let candidates = try await db.raw(
            """
            SELECT id, name FROM campaigns WHERE org_id = \(bind: orgId) AND \(unsafeRaw: listedCampaigns)
            AND settings LIKE \(bind: "%\"" + e164 + "\"%") ORDER BY id
            """
        ).all()
        var users: [String] = []
        for candidate in candidates {
            let campaignId = try candidate.decode(column: "id", as: Int64.self)
            guard let settings = try await loadCampaign(db, id: campaignId)?.settings,
                settings.numberPool.contains(e164) || settings.callerIdSlots.contains(e164)
            else { continue }
            users.append(try Self.campaignName(from: candidate))
        }
        return users
    }
}
