/// Words for a ``StoreError`` about a failed statement: what the store was doing and what kind of failure it was,
/// without the driver's message or the statement's text.
enum StoreOperation {
    /// `leadCounts(campaignId:)` → `lead counts`: the words of a method name, from `#function`.
    static func name(_ function: String) -> String {
        let base = function.prefix { $0 != "(" }
        var words = ""
        for character in base {
            if character.isUppercase && !words.isEmpty { words.append(" ") }
            words.append(contentsOf: character.lowercased())
        }
        return words.isEmpty ? "a database operation" : words
    }

    /// The kind of failure, in words safe to show (never the driver's text).
    static func reason(_ error: any Error) -> String {
        if error is ConnectionClosed { return "the database connection is closed" }
        return (error as? SQLiteFailure)?.reason ?? "the database returned something unexpected"
    }
}

/// A statement for a store whose connections were closed.
struct ConnectionClosed: Error {
}
