/// Remembers what ``TimeZoneResolver/validatedZone(_:)`` answered for each zone name of a file.
///
/// A file names a handful of zones in thousands of rows, and each answer costs Foundation a
/// trim through `NSString` and a zone-database lookup. The cache stops growing at `capacity`
/// names, so a file with a different text in every `timezone` cell costs no more memory.
struct ZoneNameCache: Sendable {
    private let resolver: TimeZoneResolver
    private let capacity: Int
    private var answers: [String: String?] = [:]

    init(resolver: TimeZoneResolver, capacity: Int = 512) {
        self.resolver = resolver
        self.capacity = capacity
    }

    /// Foundation's canonical identifier for `name`, or `nil` when Foundation does not know it.
    mutating func validatedZone(_ name: String) -> String? {
        if let known = answers[name] { return known }
        let answer = resolver.validatedZone(name)
        if answers.count < capacity { answers[name] = answer }
        return answer
    }
}
