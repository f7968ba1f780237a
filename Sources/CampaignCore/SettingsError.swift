/// A rejected settings document: the key path that is wrong and why.
///
/// Both parts are printable: control and format characters a document smuggled in (a bell, an escape sequence, a
/// newline that would split the one-line error, a right-to-left override) are written as `\u{7}` and so on.
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted key path, e.g. `window.start` or `retry.maxAttempts`; empty for the document itself.
    public let key: String
    /// Why the value was rejected.
    public let reason: String

    /// Longest value an error quotes; a longer one is cut with `…`.
    public static let quotedLength = 80

    /// Creates an error for a key.
    public init(key: String, reason: String) {
        self.key = Self.printable(key)
        self.reason = Self.printable(reason)
    }

    /// `settings key 'window.start': must be HH:MM`.
    public var description: String {
        key.isEmpty ? "settings: \(reason)" : "settings key '\(key)': \(reason)"
    }

    /// A value from the document as an error quotes it: in single quotes, printable, at most ``quotedLength``
    /// characters.
    public static func quoted(_ value: String) -> String {
        let text = printable(value)
        guard text.count > quotedLength else { return "'\(text)'" }
        return "'\(text.prefix(quotedLength))…'"
    }

    /// `text` with every control, format and line or paragraph separator character written as `\u{…}`.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnprintable) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnprintable(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned: true
        default: false
        }
    }
}
