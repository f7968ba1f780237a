/// The header lines of a message, in order, looked up by name without regard to case or compact form.
public struct SIPHeaders: Equatable, Hashable, Sendable, Sequence {
    /// Every header line in order.
    public private(set) var fields: [SIPHeader]

    /// Header lines in order.
    public init(_ fields: [SIPHeader] = []) { self.fields = fields }

    /// Iterates the header lines in order.
    public func makeIterator() -> IndexingIterator<[SIPHeader]> { fields.makeIterator() }

    /// The value of the first line named `name`, if any.
    public subscript(name: String) -> String? {
        let key = Self.canonicalKey(name)
        return fields.first { $0.key == key }?.value
    }

    /// The values of every line named `name`, in order.
    public func values(_ name: String) -> [String] {
        let key = Self.canonicalKey(name)
        return fields.filter { $0.key == key }.map(\.value)
    }

    /// How many lines are named `name`.
    public func count(_ name: String) -> Int {
        let key = Self.canonicalKey(name)
        return fields.reduce(0) { $0 + ($1.key == key ? 1 : 0) }
    }

    /// Appends a line.
    public mutating func add(_ name: String, _ value: String) { fields.append(SIPHeader(name, value)) }

    /// Removes every line named `name`.
    public mutating func remove(_ name: String) {
        let key = Self.canonicalKey(name)
        fields.removeAll { $0.key == key }
    }

    /// Replaces the first line named `name` (removing the others) or appends one.
    public mutating func set(_ name: String, _ value: String) {
        let key = Self.canonicalKey(name)
        if let index = fields.firstIndex(where: { $0.key == key }) {
            fields[index].value = value
            var seen = false
            fields.removeAll { field in
                guard field.key == key else { return false }
                defer { seen = true }
                return seen
            }
        } else {
            add(name, value)
        }
    }

    /// The lower-case long name for a header name or its compact form (RFC 3261 §7.3.3 and later RFCs).
    public static func canonicalKey(_ name: String) -> String {
        let isLower = name.utf8.allSatisfy { $0 < 0x41 || $0 > 0x5A }
        let lower = isLower ? name : name.lowercased()
        guard lower.utf8.count == 1 else { return lower }
        switch lower {
        case "v": return "via"
        case "f": return "from"
        case "t": return "to"
        case "i": return "call-id"
        case "m": return "contact"
        case "l": return "content-length"
        case "c": return "content-type"
        case "e": return "content-encoding"
        case "k": return "supported"
        case "s": return "subject"
        case "o": return "event"
        case "r": return "refer-to"
        case "b": return "referred-by"
        case "u": return "allow-events"
        case "x": return "session-expires"
        case "y": return "identity"
        default: return lower
        }
    }
}
