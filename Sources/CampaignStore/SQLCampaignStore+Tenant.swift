import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: TenantStore {
    public func campaign(orgId: Int64, id: Int64) async throws -> Campaign? {
        try await read { db in
            guard
                try await db.raw("SELECT 1 AS hit FROM campaigns WHERE id = \(bind: id) AND org_id = \(bind: orgId)")
                    .first() != nil
            else { return nil }
            return try await loadCampaign(db, id: id)
        }
    }

    public func campaigns(
        orgId: Int64, filter: CampaignFilter, afterId: Int64?, limit: Int
    ) async throws -> [Campaign] {
        try await read { db in
            var sql: SQLQueryString =
                """
                SELECT id FROM campaigns WHERE org_id = \(bind: orgId) AND id > \(bind: afterId ?? 0)
                AND \(unsafeRaw: listedCampaigns)
                """
            if let status = filter.status { sql += " AND status = \(bind: status.rawValue)" }
            if let text = filter.nameContains {
                sql += " AND name LIKE \(bind: Self.likePattern(text)) ESCAPE '\\'"
            }
            sql += " ORDER BY id LIMIT \(bind: limit)"
            var found: [Campaign] = []
            for row in try await db.raw(sql).all() {
                if let campaign = try await loadCampaign(db, id: try row.decode(column: "id", as: Int64.self)) {
                    found.append(campaign)
                }
            }
            return found
        }
    }

    public func leads(
        orgId: Int64, campaignId: Int64, filter: LeadFilter, after: LeadPageKey?, limit: Int
    ) async throws -> [LeadRecord] {
        try await read { db in
            var afterKey: String?
            if let after, let search = filter.search.flatMap({ LeadSearch($0) }) {
                let column = Self.searchColumn(search).column
                afterKey = try await db.raw(
                    """
                    SELECT \(unsafeRaw: column) AS k FROM leads WHERE id = \(bind: after.id)
                    AND campaign_id = \(bind: campaignId)
                    """
                ).first()?.decode(column: "k", as: String.self)
            }
            var fewInStatus = false
            if let status = filter.status, status != .pending, filter.search.flatMap({ LeadSearch($0) }) != nil {
                let counts =
                    hasLeadCounters
                    ? try await countedLeads(db, campaignId: campaignId)
                    : try await recountLeads(db, campaignId: campaignId)
                fewInStatus = counts.count(of: status) <= Self.statusDrivenSearchLimit
            }
            let sql = Self.leadPageSQL(
                orgId: orgId, campaignId: campaignId, filter: filter, after: after, afterKey: afterKey, limit: limit,
                dialect: dialect, fromStatus: fewInStatus)
            let rows = try await db.raw(sql).all()
            guard !rows.isEmpty else { return [] }
            let layouts = try await variableLayouts(db)
            let zoneKeys = try await zoneKeysById(db)
            return try rows.map { try Self.decodeLead($0, layouts: layouts, zoneKeys: zoneKeys) }
        }
    }

    /// The leads column a search's key copies (`name_key` or `numbers`), the key's kind in `lead_search_keys`, and
    /// the prefix it looks for.
    static func searchColumn(_ search: LeadSearch) -> (column: String, kind: Int64, prefix: String) {
        switch search {
        case .name(let prefix): ("name_key", SearchKeyBuffer.nameKind, prefix)
        case .number(let prefix): ("numbers", SearchKeyBuffer.numberKind, prefix)
        }
    }

    /// The query of a lead page. The list order index (campaign_id, seq, and the row id SQLite keeps in every index)
    /// serves the order and the keyset bound, so a page deep in the list costs what the first one costs; the leads
    /// of an import still being written (`seq` from the campaign's `next_seq` up) are not shown. A search
    /// (``LeadSearch``) reads `lead_search_keys` instead, in its order (key, then seq), from `afterKey` (the key of
    /// the lead `after` names), and joins each key to its lead, so a search that matches nothing reads nothing and
    /// every page of one that matches a million costs the same.
    /// A search with a status filter other than pending reads the leads of that status (`leads_settled`) instead of
    /// the key range when they are at most this many: the range of a common prefix can be long and hold none of them.
    static let statusDrivenSearchLimit = 20_000

    static func leadPageSQL(
        orgId: Int64, campaignId: Int64, filter: LeadFilter, after: LeadPageKey?, afterKey: String? = nil,
        limit: Int, dialect: StoreDialect = .sqlite, fromStatus: Bool = false
    ) -> SQLQueryString {
        guard let search = filter.search.flatMap({ LeadSearch($0) }) else {
            var sql: SQLQueryString = """
                SELECT * FROM leads WHERE campaign_id = \(bind: campaignId) AND org_id = \(bind: orgId)
                AND seq < (SELECT next_seq FROM campaigns WHERE id = \(bind: campaignId))
                """
            sql += statusCondition(filter.status, column: "status")
            sql += " AND (seq, id) > (\(bind: after?.seq ?? Int64.min), \(bind: after?.id ?? Int64.min))"
            sql += " ORDER BY seq, id LIMIT \(bind: limit)"
            return sql
        }
        let (column, kind, prefix) = searchColumn(search)
        if fromStatus, let status = filter.status {
            return statusDrivenSearchSQL(
                orgId: orgId, campaignId: campaignId, status: status, column: column, prefix: prefix, after: after,
                afterKey: afterKey, limit: limit, dialect: dialect)
        }
        let key = "k.search_key" + dialect.byteOrder
        // The keys drive the join (SQLite's CROSS JOIN keeps that order); each lead is found by (campaign, seq).
        var sql: SQLQueryString = """
            SELECT leads.* FROM lead_search_keys k CROSS JOIN leads
            WHERE k.campaign_id = \(bind: campaignId) AND k.kind = \(bind: kind)
            AND leads.campaign_id = k.campaign_id AND leads.seq = k.seq AND leads.org_id = \(bind: orgId)
            AND k.seq < (SELECT next_seq FROM campaigns WHERE id = \(bind: campaignId))
            """
        // The status only filters what the keys find.
        sql += statusCondition(filter.status, column: dialect.unindexed("leads.status"))
        // The keyset bound is the key range's only lower bound, so the table is entered at it (a deep page of a
        // search that matches a million costs what its first page costs); a bound before the range starts at it.
        if let after, let afterKey, afterKey >= prefix {
            sql += " AND (\(unsafeRaw: key), k.seq) > (\(bind: afterKey), \(bind: after.seq))"
        } else {
            sql += " AND \(unsafeRaw: key) >= \(bind: prefix)"
        }
        sql += " AND \(unsafeRaw: key) < \(bind: LeadSearch.upperBound(of: prefix))"
        sql += " ORDER BY \(unsafeRaw: key), k.seq LIMIT \(bind: limit)"
        return sql
    }

    /// A search among the few leads of one status: their index gives them, the searched column (the one the keys
    /// copy) filters them, and they are sorted in the key range's order (key, then seq), so a page and its cursor
    /// are the same whichever way they were read.
    static func statusDrivenSearchSQL(
        orgId: Int64, campaignId: Int64, status: LeadStatus, column: String, prefix: String, after: LeadPageKey?,
        afterKey: String?, limit: Int, dialect: StoreDialect
    ) -> SQLQueryString {
        let key = column + dialect.byteOrder
        var sql: SQLQueryString = """
            SELECT * FROM leads WHERE campaign_id = \(bind: campaignId) AND org_id = \(bind: orgId)
            AND \(unsafeRaw: dialect.unindexed("seq")) < (SELECT next_seq FROM campaigns WHERE id = \(bind: campaignId))
            """
        // The settled statuses' partial index is chosen only when its own condition is in the query.
        if status != .pending { sql += " AND status <> 'pending'" }
        sql += statusCondition(status, column: "status")
        if column == "name_key" { sql += " AND name_key <> ''" }
        if let after, let afterKey, afterKey >= prefix {
            sql += " AND (\(unsafeRaw: key), seq) > (\(bind: afterKey), \(bind: after.seq))"
        } else {
            sql += " AND \(unsafeRaw: key) >= \(bind: prefix)"
        }
        sql += " AND \(unsafeRaw: key) < \(bind: LeadSearch.upperBound(of: prefix))"
        sql += " ORDER BY \(unsafeRaw: key), seq LIMIT \(bind: limit)"
        return sql
    }

    /// The condition a status filter adds (`pending` includes the leads waiting for a retry).
    private static func statusCondition(_ status: LeadStatus?, column: String) -> SQLQueryString {
        switch status {
        case .pending?: " AND \(unsafeRaw: column) IN ('pending', 'waiting')"
        case let value?: " AND \(unsafeRaw: column) = \(bind: value.rawValue)"
        case nil: ""
        }
    }

    /// The query of a call page: calls_queued (campaign_id, queued_at, and the row id) serves the order and the bound.
    static func callPageSQL(orgId: Int64, campaignId: Int64, after: CallPageKey?, limit: Int) -> SQLQueryString {
        """
        SELECT * FROM calls WHERE campaign_id = \(bind: campaignId) AND org_id = \(bind: orgId)
        AND (queued_at, id) > (\(bind: after?.queuedAtMillis ?? Int64.min), \(bind: after?.id ?? Int64.min))
        ORDER BY queued_at, id LIMIT \(bind: limit)
        """
    }

    public func lead(orgId: Int64, id: Int64) async throws -> LeadRecord? {
        try await read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT * FROM leads WHERE id = \(bind: id) AND org_id = \(bind: orgId)
                    AND seq < (SELECT next_seq FROM campaigns WHERE id = leads.campaign_id)
                    """
                )
                .first()
            else { return nil }
            return try Self.decodeLead(
                row, layouts: try await variableLayouts(db), zoneKeys: try await zoneKeysById(db))
        }
    }

    public func calls(
        orgId: Int64, campaignId: Int64, after: CallPageKey?, limit: Int
    ) async throws -> [CallRecord] {
        try await read { db in
            try await db.raw(Self.callPageSQL(orgId: orgId, campaignId: campaignId, after: after, limit: limit)).all()
                .map(decodeCall)
        }
    }

    public func calls(orgId: Int64, leadId: Int64, limit: Int) async throws -> [CallRecord] {
        try await read { db in
            try await db.raw(
                """
                SELECT * FROM calls WHERE lead_id = \(bind: leadId) AND org_id = \(bind: orgId) ORDER BY id
                LIMIT \(bind: limit)
                """
            ).all().map(decodeCall)
        }
    }

    public func call(orgId: Int64, id: Int64) async throws -> CallRecord? {
        try await read { db in
            try await db.raw("SELECT * FROM calls WHERE id = \(bind: id) AND org_id = \(bind: orgId)").first()
                .map(decodeCall)
        }
    }

    /// A LIKE pattern that finds `text` anywhere, its `%`, `_` and `\` taken literally (with `ESCAPE '\'`).
    static func likePattern(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%\(escaped)%"
    }

    static func decodeLead(
        _ row: any SQLRow, layouts: [Int64: [String]], zoneKeys: [Int64: String]
    ) throws -> LeadRecord {
        let status = try row.decode(column: "status", as: String.self)
        let zoneId = try row.decode(column: "zone_id", as: Int64.self)
        let nextAt = try row.decode(column: "next_at", as: Int64.self)
        let open = status == LeadStatus.pending.rawValue || status == LeadStatus.waiting.rawValue
        return LeadRecord(
            id: try row.decode(column: "id", as: Int64.self), orgId: try row.decode(column: "org_id", as: Int64.self),
            campaignId: try row.decode(column: "campaign_id", as: Int64.self),
            seq: try row.decode(column: "seq", as: Int64.self),
            sourceLine: try row.decode(column: "source_line", as: Int.self),
            status: status == LeadStatus.waiting.rawValue ? LeadStatus.pending.rawValue : status,
            numbers: try row.decode(column: "numbers", as: String.self).split(separator: "|").map(String.init),
            numberIndex: try row.decode(column: "number_index", as: Int.self),
            attempts: try row.decode(column: "attempts", as: Int.self),
            pass: try row.decode(column: "pass", as: Int.self),
            nextAttemptAt: open && nextAt > 0 ? Millis.date(nextAt) : nil,
            lastOutcome: try row.decode(column: "last_outcome", as: String?.self),
            lastDisposition: try row.decode(column: "last_disposition", as: String?.self),
            timezones: DialKey.zoneKey(of: zoneKeys[zoneId] ?? "").split(separator: "|").map(String.init),
            timezoneSource: try row.decode(column: "timezone_source", as: String.self),
            variablesJSON: try variablesObject(
                stored: try row.decode(column: "variables", as: String.self),
                layoutId: try row.decode(column: "layout_id", as: Int64?.self), layouts: layouts),
            blockedBy: try row.decode(column: "blocked_by", as: String?.self),
            updatedAt: Millis.date(try row.decode(column: "updated_at", as: Int64.self)))
    }
}
