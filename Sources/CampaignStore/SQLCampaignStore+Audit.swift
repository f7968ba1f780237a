import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: AuditStore {
    /// Migration: the audit log (SPEC §9), and an organisation's exemption from the quiet hours with its reason.
    var auditVersion: [String] {
        let id = dialect.identityColumn
        return [
            """
            CREATE TABLE audit_log (id \(id), org_id BIGINT NOT NULL, at BIGINT NOT NULL, actor_kind TEXT NOT NULL,
            actor_id BIGINT, actor_label TEXT NOT NULL, action TEXT NOT NULL, target_kind TEXT NOT NULL,
            target_id BIGINT, detail TEXT NOT NULL)
            """,
            "CREATE INDEX audit_log_org ON audit_log (org_id, id)",
            "CREATE INDEX audit_log_target ON audit_log (org_id, target_kind, target_id, id)",
            "ALTER TABLE organizations ADD COLUMN hours_exemption TEXT",
        ]
    }

    /// Records that the current task's actor (``AuditContext``) did `action` to an object of the organisation, in
    /// the transaction `db` belongs to, so the change and its record land or roll back together.
    func recordAudit(
        _ db: any SQLDatabase, orgId: Int64, action: String, target: (kind: String, id: Int64?),
        detail: [String: String] = [:], now: Date
    ) async throws {
        // Tests build databases of older schemas (`migratingThrough:`), which have no audit log yet.
        if let schemaLimit, schemaLimit <= (migrations.firstIndex { $0 == auditVersion } ?? 0) { return }
        let actor = AuditContext.actor ?? .system
        try await db.raw(
            """
            INSERT INTO audit_log (org_id, at, actor_kind, actor_id, actor_label, action, target_kind, target_id,
            detail) VALUES (\(bind: orgId), \(bind: Millis.from(now)), \(bind: actor.kind), \(bind: actor.id),
            \(bind: actor.label), \(bind: action), \(bind: target.kind), \(bind: target.id),
            \(bind: JSONText.object(detail)))
            """
        ).run()
    }

    public func auditEntries(
        orgId: Int64, filter: AuditFilter, beforeId: Int64?, limit: Int
    ) async throws -> [AuditEntry] {
        var query: SQLQueryString = """
            SELECT id, org_id, at, actor_kind, actor_id, actor_label, action, target_kind, target_id, detail
            FROM audit_log WHERE org_id = \(bind: orgId) AND id < \(bind: beforeId ?? Int64.max)
            """
        if let kind = filter.targetKind { query += " AND target_kind = \(bind: kind)" }
        if let target = filter.targetId { query += " AND target_id = \(bind: target)" }
        if let prefix = filter.actionPrefix {
            query += " AND action LIKE \(bind: String(Self.likePattern(prefix).dropFirst())) ESCAPE '\\'"
        }
        query += " ORDER BY id DESC LIMIT \(bind: limit)"
        let statement = query
        return try await read { db in
            try await db.raw(statement).all().map { row in
                let detailText = try row.decode(column: "detail", as: String.self)
                let detail =
                    (try? JSONDecoder().decode([String: String].self, from: Data(detailText.utf8))) ?? [:]
                return AuditEntry(
                    id: try row.decode(column: "id", as: Int64.self),
                    orgId: try row.decode(column: "org_id", as: Int64.self),
                    at: Millis.date(try row.decode(column: "at", as: Int64.self)),
                    actor: AuditActor(
                        kind: try row.decode(column: "actor_kind", as: String.self),
                        id: try row.decode(column: "actor_id", as: Int64?.self),
                        label: try row.decode(column: "actor_label", as: String.self)),
                    action: try row.decode(column: "action", as: String.self),
                    targetKind: try row.decode(column: "target_kind", as: String.self),
                    targetId: try row.decode(column: "target_id", as: Int64?.self),
                    detail: detail)
            }
        }
    }
}
