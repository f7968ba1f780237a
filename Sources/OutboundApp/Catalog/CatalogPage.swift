import CampaignCore

/// One page of a catalog list and where the next one starts (nil on the last page).
public struct CatalogPage<Item: Sendable, Key: Sendable>: Sendable {
    /// The page's items.
    public var items: [Item]
    /// The key to continue after; nil when this is the last page.
    public var next: Key?

    /// A page cut from `found` (read with one item more than `limit`) with `key` naming an item's position.
    init(found: [Item], limit: Int, key: (Item) -> Key) {
        items = Array(found.prefix(limit))
        next = found.count > limit ? items.last.map(key) : nil
    }
}

extension SettingsError {
    /// The field problem the API and the commands report.
    var fieldProblem: FieldProblem { FieldProblem(field: key, detail: reason) }
}
