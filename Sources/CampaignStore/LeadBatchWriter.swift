import CampaignCore
import Foundation
import SQLKit
import SQLiteKit

/// Writes imported contacts as multi-row `INSERT OR FAIL`s (`OR FAIL`: a failure rolls the whole import back
/// anyway, so SQLite needs no statement journal). On SQLite the values are bound as `SQLiteData` straight on
/// the connection (SQLKit's `Encodable` binds cost more than the insert itself at this volume); elsewhere through
/// SQLKit. Columns that are the same for every row are literals, so a row binds 10 values.
struct LeadBatchWriter: Sendable {
    enum Target: Sendable {
        case sqlite(SQLiteHandle)
        case sql(any SQLDatabase)
    }

    enum Statement: Sendable {
        case sqlite(String, [SQLiteData])
        case sql(SQLQueryString)
    }

    let target: Target
    let batchSize: Int
    private let prefix: String
    private let rowValues: String
    private let fullBatchSQL: String

    init(orgId: Int64, campaignId: Int64, millis: Int64, target: Target, batchSize: Int = 1000) {
        self.target = target
        self.batchSize = batchSize
        prefix = """
            INSERT OR FAIL INTO leads (org_id, campaign_id, seq, source_line, layout_id, numbers, zone_key,
            timezone_source, variables, status, number_variables, number_types, attempts, pass, number_index, stopped,
            callbacks, priority, next_at, updated_at) VALUES
            """
        rowValues = "(\(orgId),\(campaignId),?,?,?,?,?,?,?,?,?,?,0,1,0,'',0,0,0,\(millis))"
        fullBatchSQL = prefix + Array(repeating: rowValues, count: batchSize).joined(separator: ",")
    }

    func statement(for rows: [LeadRowEncoder.Values]) -> Statement {
        switch target {
        case .sqlite:
            var binds: [SQLiteData] = []
            binds.reserveCapacity(rows.count * 10)
            for row in rows {
                binds.append(.integer(Int(row.seq)))
                binds.append(.integer(row.sourceLine))
                binds.append(row.layoutId.map { .integer(Int($0)) } ?? .null)
                for text in row.texts { binds.append(.text(text)) }
            }
            let sql =
                rows.count == batchSize
                ? fullBatchSQL : prefix + Array(repeating: rowValues, count: rows.count).joined(separator: ",")
            return .sqlite(sql, binds)
        case .sql:
            var query = SQLQueryString(prefix)
            let parts = rowValues.split(separator: "?", omittingEmptySubsequences: false).map(String.init)
            for (index, row) in rows.enumerated() {
                let binds: [any Encodable & Sendable] = [row.seq, Int64(row.sourceLine), row.layoutId] + row.texts
                query.appendLiteral(index == 0 ? parts[0] : "," + parts[0])
                for (bind, literal) in zip(binds, parts.dropFirst()) {
                    query.appendInterpolation(bind: bind)
                    query.appendLiteral(literal)
                }
            }
            return .sql(query)
        }
    }

    func run(_ statement: Statement) async throws {
        switch (statement, target) {
        case (.sqlite(let sql, let binds), .sqlite(let handle)):
            try await handle.execute(sql, binds)
        case (.sql(let query), .sql(let database)):
            try await database.raw(query).run()
        default:
            throw StoreError.database("bulk insert statement does not match its database")
        }
    }
}

/// Turns a contact into the column values of its lead row. Keeps the last zone list and variable names it saw:
/// rows of one file mostly share both, which saves a join and a sort per row.
struct LeadRowEncoder {
    /// The bound values of one lead row.
    struct Values {
        let seq: Int64
        let sourceLine: Int
        /// The `variable_layouts` row naming the values in `variables`; nil when the contact has no variables.
        var layoutId: Int64?
        /// numbers, zone_key, timezone_source, variables, status, number_variables, number_types.
        let texts: [String]
        var zoneKey: String { texts[1] }
    }

    private var lastZones: [String] = []
    private var lastZoneKey = ""
    private(set) var zoneKeyIsNew = false
    private var json = LeadJSON()
    /// The variable names of the last row, sorted: the layout its values follow.
    var layoutNames: [String] { json.sortedKeys }
    /// Whether the last row's variable names differ from the row's before it.
    private(set) var layoutIsNew = false

    mutating func values(_ contact: ImportedContact, kept: [Int], seq: Int64, excluded: Bool) -> Values {
        let all = kept.count == contact.numbers.count
        let numbers = all ? contact.numbers : kept.map { contact.numbers[$0] }
        zoneKeyIsNew = contact.timezones != lastZones
        if zoneKeyIsNew {
            lastZones = contact.timezones
            lastZoneKey = contact.timezones.joined(separator: "|")
        }
        var numberVariables = "[]"
        if contact.numberVariables.contains(where: { !$0.isEmpty }) {
            let objects = kept.map { index in
                LeadJSON.object(index < contact.numberVariables.count ? contact.numberVariables[index] : [:])
            }
            numberVariables = "[" + objects.joined(separator: ",") + "]"
        }
        var types = ""
        if contact.numberTypes.count == contact.numbers.count {
            types = LineTypeCodes.encode(all ? contact.numberTypes : kept.map { contact.numberTypes[$0] })
        }
        let joined = numbers.count == 1 ? numbers[0] : numbers.joined(separator: "|")
        let variables: String
        if contact.variables.isEmpty {
            variables = "{}"
            layoutIsNew = false
        } else {
            (variables, layoutIsNew) = json.encodeValues(contact.variables)
        }
        return Values(
            seq: seq, sourceLine: contact.sourceLine, layoutId: nil,
            texts: [
                joined, lastZoneKey, contact.timezoneSource, variables,
                excluded ? LeadStatus.excluded.rawValue : LeadStatus.pending.rawValue, numberVariables, types,
            ])
    }
}

/// A JSON object of strings with sorted keys, or the array of its values in key order, written directly into bytes
/// (a `JSONEncoder` per row costs more than the row). Remembers the last sorted key list, which the next row
/// usually shares.
struct LeadJSON {
    private(set) var sortedKeys: [String] = []
    private var bytes: [UInt8] = []

    /// One object, without the key-order memory.
    static func object(_ values: [String: String]) -> String {
        var writer = LeadJSON()
        return writer.encode(values)
    }

    mutating func encode(_ values: [String: String]) -> String {
        guard !values.isEmpty else { return "{}" }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(UInt8(ascii: "{"))
        if !(values.count == sortedKeys.count && write(values, keys: sortedKeys)) {
            sortedKeys = values.keys.sorted()
            bytes.removeSubrange(1...)
            _ = write(values, keys: sortedKeys)
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The values as a JSON array in sorted-key order (the names go to `variable_layouts`); whether the key list
    /// differs from the previous call's.
    mutating func encodeValues(_ values: [String: String]) -> (text: String, keysChanged: Bool) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(UInt8(ascii: "["))
        var changed = false
        if !(values.count == sortedKeys.count && write(values, keys: sortedKeys, names: false)) {
            sortedKeys = values.keys.sorted()
            bytes.removeSubrange(1...)
            _ = write(values, keys: sortedKeys, names: false)
            changed = true
        }
        bytes.append(UInt8(ascii: "]"))
        return (String(decoding: bytes, as: UTF8.self), changed)
    }

    /// Writes the members (or with `names: false` only the values) in `keys` order; false when a key is missing
    /// (another key set).
    private mutating func write(_ values: [String: String], keys: [String], names: Bool = true) -> Bool {
        for (index, key) in keys.enumerated() {
            guard let value = values[key] else { return false }
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if names {
                append(key)
                bytes.append(UInt8(ascii: ":"))
            }
            append(value)
        }
        return true
    }

    private mutating func append(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case UInt8(ascii: "\n"):
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"):
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"):
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30])
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
