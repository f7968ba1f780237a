/// E.164 numbers seen so far, each with where it was seen: a positive file line, or minus an existing lead id.
/// E.164 numbers have at most 15 digits, so most are kept as integers (a hash set of 16-byte entries).
struct NumberIndex {
    private var numeric: [UInt64: Int64] = [:]
    private var other: [String: Int64] = [:]

    /// The digits of a `+`-prefixed number of up to 18 digits that does not start with 0 (as no E.164 number does)
    /// as an integer, so no two numbers share a key; nil for anything else.
    static func key(_ e164: String) -> UInt64? {
        if let key = e164.utf8.withContiguousStorageIfAvailable(key(ofBytes:)) { return key }
        return key(ofBytes: Array(e164.utf8))
    }

    private static func key(ofBytes bytes: some RandomAccessCollection<UInt8>) -> UInt64? {
        guard bytes.count >= 2, bytes.count <= 19, bytes.first == UInt8(ascii: "+"),
            bytes.dropFirst().first != UInt8(ascii: "0")
        else { return nil }
        var value: UInt64 = 0
        for byte in bytes.dropFirst() {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &+ UInt64(digit)
        }
        return value
    }

    func origin(of e164: String) -> Int64? {
        if let key = Self.key(e164) { return numeric[key] }
        return other[e164]
    }

    /// The same for a number given as UTF-8.
    func origin(ofUTF8 e164: UnsafeRawBufferPointer) -> Int64? {
        if let key = Self.key(ofBytes: e164) { return numeric[key] }
        return other[String(decoding: e164, as: UTF8.self)]
    }

    var isEmpty: Bool { numeric.isEmpty && other.isEmpty }

    /// Adds the number unless it is there; returns where it was seen before, or nil when it is new.
    @discardableResult
    mutating func insert(_ e164: String, origin: Int64) -> Int64? {
        if let key = Self.key(e164) { return insert(key: key, origin: origin) }
        return insert(other: e164, origin: origin)
    }

    /// The same for a number given as UTF-8.
    mutating func insert(utf8 e164: UnsafeRawBufferPointer, origin: Int64) -> Int64? {
        if let key = Self.key(ofBytes: e164) { return insert(key: key, origin: origin) }
        return insert(other: String(decoding: e164, as: UTF8.self), origin: origin)
    }

    private mutating func insert(key: UInt64, origin: Int64) -> Int64? {
        // One lookup for a new number (nearly all of them); a repeat puts the first origin back.
        guard let earlier = numeric.updateValue(origin, forKey: key) else { return nil }
        numeric[key] = earlier
        return earlier
    }

    private mutating func insert(other e164: String, origin: Int64) -> Int64? {
        if let earlier = other[e164] { return earlier }
        other[e164] = origin
        return nil
    }

    static func describe(_ origin: Int64) -> ContactOrigin {
        origin > 0 ? .line(Int(origin)) : .existingContact(-origin)
    }
}
