import Foundation
import SQLKit

/// A lead's variables are stored as the values alone (`["Ann","C-7"]`), in the order of a name list kept once in
/// `variable_layouts` (`["FIRST_NAME","CASE_NUMBER"]`, the file's column order); a file's rows share one list. Leads written before
/// schema 5 have no layout and keep the JSON object itself.
extension SQLCampaignStore {
    /// The id of a name list, added when it is new (inside the caller's transaction).
    func variableLayoutId(_ db: any SQLDatabase, names: [String]) async throws -> Int64 {
        let text = JSONText.array(names)
        try await db.raw(
            "INSERT INTO variable_layouts (names) VALUES (\(bind: text)) ON CONFLICT (names) DO NOTHING"
        ).run()
        guard
            let row = try await db.raw("SELECT id FROM variable_layouts WHERE names = \(bind: text)").first()
        else { throw StoreError.database("variable layout was not stored") }
        return try row.decode(column: "id", as: Int64.self)
    }

    /// Every name list by id.
    func variableLayouts(_ db: any SQLDatabase) async throws -> [Int64: [String]] {
        var layouts: [Int64: [String]] = [:]
        for row in try await db.raw("SELECT id, names FROM variable_layouts").all() {
            let names = try row.decode(column: "names", as: String.self)
            layouts[try row.decode(column: "id", as: Int64.self)] = try Self.decodeStrings(names, what: "layout")
        }
        return layouts
    }

    /// The variables of a lead row as a JSON object with sorted keys: `stored` itself when the row has no layout,
    /// else the layout's names paired with the stored values.
    static func variablesObject(stored: String, layoutId: Int64?, layouts: [Int64: [String]]) throws -> String {
        guard let layoutId else { return stored }
        guard let names = layouts[layoutId] else {
            throw StoreError.database("lead refers to variable layout \(layoutId), which does not exist")
        }
        let values = try decodeStrings(stored, what: "variables")
        guard values.count == names.count else {
            throw StoreError.database("lead has \(values.count) variable values for \(names.count) names")
        }
        let fields = zip(names, values).map { (key: $0, value: $1) }.sorted { $0.key < $1.key }
        return JSONText.object(sortedFields: fields)
    }

    /// The values of `variables`, in the order of `names`.
    static func variableValues(_ variables: [String: String], names: [String]) -> String {
        JSONText.array(names.map { variables[$0] ?? "" })
    }

    private static func decodeStrings(_ text: String, what: String) throws -> [String] {
        guard let strings = JSONText.strings(text) else {
            throw StoreError.database("stored \(what) is not a JSON array of strings: \(text.prefix(80))")
        }
        return strings
    }
}
