import Foundation

/// Reads one JSON object of a settings document: typed getters that name the key path in every error,
/// and a final check that no unknown key is left.
struct SettingsObject {
    let path: String
    let fields: [String: JSONValue]
    private(set) var seen: Set<String> = []

    init(_ value: JSONValue, path: String) throws(SettingsError) {
        guard case .object(let fields) = value else {
            throw SettingsError(key: path, reason: "must be an object, got \(value.typeName)")
        }
        self.path = path
        self.fields = fields
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw value for a key, nil when absent or null.
    mutating func value(_ key: String) -> JSONValue? {
        seen.insert(key)
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

    mutating func string(_ key: String) throws(SettingsError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw mistyped(key, "a string", value) }
        return text
    }

    mutating func bool(_ key: String) throws(SettingsError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else { throw mistyped(key, "true or false", value) }
        return flag
    }

    mutating func number(_ key: String) throws(SettingsError) -> Double? {
        guard let value = value(key) else { return nil }
        guard case .number(let number) = value, number.isFinite else { throw mistyped(key, "a number", value) }
        return number
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(SettingsError) -> Int? {
        guard let number = try number(key) else { return nil }
        guard number.rounded() == number, number >= Double(range.lowerBound), number <= Double(range.upperBound)
        else {
            throw SettingsError(
                key: keyPath(key), reason: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(number)
    }

    mutating func strings(_ key: String) throws(SettingsError) -> [String]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value else { throw mistyped(key, "an array of strings", value) }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw SettingsError(key: "\(keyPath(key))[\(index)]", reason: "must be a string")
            }
            result.append(text)
        }
        return result
    }

    mutating func object(_ key: String) throws(SettingsError) -> SettingsObject? {
        guard let value = value(key) else { return nil }
        return try SettingsObject(value, path: keyPath(key))
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ key: String, _ type: E.Type
    )
        throws(SettingsError) -> E? where E.RawValue == String
    {
        guard let text = try string(key) else { return nil }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw SettingsError(key: keyPath(key), reason: "\(SettingsError.quoted(text)) is not one of \(allowed)")
        }
        return value
    }

    /// Throws for the first key (alphabetically) that no getter asked for.
    func rejectUnknownKeys() throws(SettingsError) {
        if let unknown = fields.keys.filter({ !seen.contains($0) }).sorted().first {
            throw SettingsError(key: keyPath(unknown), reason: "unknown key")
        }
    }

    private func mistyped(_ key: String, _ expected: String, _ value: JSONValue) -> SettingsError {
        SettingsError(key: keyPath(key), reason: "must be \(expected), got \(value.typeName)")
    }
}
