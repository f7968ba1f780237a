import CampaignCore
import Foundation
import SQLKit
import SQLiteKit

/// Writes imported contacts as multi-row inserts (``StoreDialect/insertInTransaction``: a failure rolls the whole
/// import back anyway, so SQLite needs no statement journal). On SQLite the values are bound from the batch's own
/// buffer through the C API (SQLKit's `Encodable` binds cost more than the insert itself at this volume); elsewhere
/// through SQLKit. Columns that are the same for every row are literals, so a row binds 11 values.

struct LeadBatchWriter: Sendable {
    enum Target: Sendable {
        case sqlite(SQLiteHandle)
        case sql(any SQLDatabase)
    }

    let target: Target
    let batchSize: Int
    private let prefix: String
    private let rowValues: String
    private let fullBatchSQL: String
    /// Texts bound per row: every one of ``LeadRows``, or all but `name_key` on a schema without it.
    private let texts: Int
    /// Where the rows' search keys go (nil: a schema without the search keys table).
    let searchKeys: SearchKeyBuffer?

    init(
        orgId: Int64, campaignId: Int64, millis: Int64, insert: String, target: Target, withNameKey: Bool = true,
        batchSize: Int = 1000
    ) {
        self.target = target
        self.batchSize = batchSize
        texts = withNameKey ? LeadRows.textsPerRow : LeadRows.textsPerRow - 1
        searchKeys = withNameKey ? SearchKeyBuffer() : nil
        prefix =
            insert + """
                 INTO leads (org_id, campaign_id, seq, source_line, layout_id, zone_id, numbers,
                timezone_source, variables, status, number_variables, number_types\(withNameKey ? ", name_key" : ""),
                attempts, pass, number_index, stopped, callbacks, priority, next_at, updated_at) VALUES
                """
        rowValues =
            "(\(orgId),\(campaignId),?,?,?,?,?,?,?,?,?,?\(withNameKey ? ",?" : ""),0,1,0,'',0,0,0,\(millis))"
        fullBatchSQL = prefix + Array(repeating: rowValues, count: batchSize).joined(separator: ",")
    }

    /// Inserts the batch's rows and keeps their search keys in ``searchKeys``.
    func run(_ batch: LeadBatch) async throws {
        guard batch.count > 0 else { return }
        if let searchKeys {
            batch.read { rows in
                for row in 0..<rows.count {
                    searchKeys.add(
                        numbers: rows.text(row: row, field: 0), nameKey: rows.text(row: row, field: 6),
                        seq: rows.seqs[row])
                }
            }
        }
        let sql =
            batch.count == batchSize
            ? fullBatchSQL : prefix + Array(repeating: rowValues, count: batch.count).joined(separator: ",")
        switch target {
        case .sqlite(let handle):
            try await handle.execute(sql) { binder in
                try batch.read { rows in
                    var index: Int32 = 1
                    for row in 0..<rows.count {
                        try binder.bind(rows.seqs[row], at: index)
                        try binder.bind(rows.sourceLines[row], at: index + 1)
                        try binder.bind(rows.layoutIds[row], at: index + 2)
                        try binder.bind(rows.zoneIds[row], at: index + 3)
                        index += 4
                        for field in 0..<texts {
                            let text = rows.text(row: row, field: field)
                            // A text's start lies inside the batch's buffer even when it is empty.
                            try binder.bindText(text.baseAddress!, count: text.count, at: index)
                            index += 1
                        }
                    }
                }
            }
        case .sql(let database):
            let parts = rowValues.split(separator: "?", omittingEmptySubsequences: false).map(String.init)
            let query = batch.read { rows in
                var query = SQLQueryString(prefix)
                for row in 0..<rows.count {
                    let binds: [any Encodable & Sendable] =
                        [rows.seqs[row], rows.sourceLines[row], rows.layoutIds[row], rows.zoneIds[row]]
                        + (0..<texts).map { rows.string(row: row, field: $0) }
                    query.appendLiteral(row == 0 ? parts[0] : "," + parts[0])
                    for (bind, literal) in zip(binds, parts.dropFirst()) {
                        query.appendInterpolation(bind: bind)
                        query.appendLiteral(literal)
                    }
                }
                return query
            }
            try await database.raw(query).run()
        }
    }
}
