/// A rejected settings document: the key path that is wrong and why.
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted key path, e.g. `window.start` or `retry.maxAttempts`; empty for the document itself.
    public let key: String
    /// Why the value was rejected.
    public let reason: String

    /// Creates an error for a key.
    public init(key: String, reason: String) {
        self.key = key
        self.reason = reason
    }

    /// `settings key 'window.start': must be HH:MM`.
    public var description: String {
        key.isEmpty ? "settings: \(reason)" : "settings key '\(key)': \(reason)"
    }
}
