import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func optOuts(orgId: Int64, numberContains: String?, after: String?, limit: Int) async throws -> [OptOut] {
        try await read { db in
            var sql: SQLQueryString = "SELECT * FROM opt_outs WHERE org_id = \(bind: orgId)"
            if let after { sql += " AND e164 > \(bind: after)" }
            if let text = numberContains, !text.isEmpty {
                sql += " AND e164 LIKE \(bind: Self.likePattern(text)) ESCAPE '\\'"
            }
            sql += " ORDER BY e164 LIMIT \(bind: limit)"
            return try await db.raw(sql).all().map(Self.optOut(from:))
        }
    }

    public func optOut(orgId: Int64, e164: String) async throws -> OptOut? {
        try await read { db in
            try await db.raw("SELECT * FROM opt_outs WHERE org_id = \(bind: orgId) AND e164 = \(bind: e164)").first()
                .map(Self.optOut(from:))
        }
    }

    public func addOptOuts(orgId: Int64, numbers: [String], source: String, now: Date) async throws -> [String] {
        try await transaction { db in
            var added: [String] = []
            let millis = Millis.from(now)
            for start in stride(from: 0, to: numbers.count, by: 500) {
                let chunk = numbers[start..<min(start + 500, numbers.count)]
                var insert = SQLQueryString("INSERT INTO opt_outs (org_id, e164, source, created_at) VALUES ")
                for (index, e164) in chunk.enumerated() {
                    insert += index == 0 ? "" : ", "
                    insert += "(\(bind: orgId), \(bind: e164), \(bind: source), \(bind: millis))"
                }
                insert += " ON CONFLICT (org_id, e164) DO NOTHING RETURNING e164"
                added += try await db.raw(insert).all().map { try $0.decode(column: "e164", as: String.self) }
            }
            if !added.isEmpty {
                let shown = added.prefix(20).joined(separator: ",") + (added.count > 20 ? ",…" : "")
                try await recordAudit(
                    db, orgId: orgId, action: "optout.add", target: ("optout", nil),
                    detail: ["count": "\(added.count)", "source": source, "numbers": shown], now: now)
            }
            return added
        }
    }

    public func removeOptOut(orgId: Int64, e164: String, now: Date) async throws -> Bool {
        try await transaction { db in
            let removed = try await !db.raw(
                "DELETE FROM opt_outs WHERE org_id = \(bind: orgId) AND e164 = \(bind: e164) RETURNING e164"
            ).all().isEmpty
            if removed {
                try await recordAudit(
                    db, orgId: orgId, action: "optout.remove", target: ("optout", nil), detail: ["number": e164],
                    now: now)
            }
            return removed
        }
    }

    static func optOut(from row: any SQLRow) throws -> OptOut {
        OptOut(
            e164: try row.decode(column: "e164", as: String.self),
            source: try row.decode(column: "source", as: String.self),
            createdAt: Millis.date(try row.decode(column: "created_at", as: Int64.self)))
    }
}
