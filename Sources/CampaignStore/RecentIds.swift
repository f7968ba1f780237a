/// Database ids of keys that the rows of a file mostly repeat one after another (a variable name list, a zone
/// list): the last key is compared first, then the keys seen so far; only a new key is looked up.
struct RecentIds<Key: Hashable> {
    private(set) var ids: [Key: Int64] = [:]
    private var last: (key: Key, id: Int64)?

    /// The id of `key`, from `lookUp` the first time it is seen.
    mutating func id(of key: Key, lookUp: (Key) async throws -> Int64) async throws -> Int64 {
        if let last, last.key == key { return last.id }
        let id: Int64
        if let known = ids[key] {
            id = known
        } else {
            id = try await lookUp(key)
            ids[key] = id
        }
        last = (key, id)
        return id
    }
}
