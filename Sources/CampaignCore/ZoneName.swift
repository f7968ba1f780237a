import Foundation

/// The time-zone names a settings document may use: IANA names as the tz database writes them.
public enum ZoneName {
    /// Longest name accepted (the longest in the tz database has 32 characters).
    public static let maximumLength = 64

    /// The zone for an IANA name (`Region/City`, `Etc/GMT+5`, or `UTC`/`GMT`), or nil. Abbreviations such as
    /// `EST` are refused, and so is anything outside the tz database's alphabet (ASCII letters, digits, `_`, `-`,
    /// `+`, components joined by `/`): Foundation is not left to decide what a control character or a `..` means.
    public static func named(_ name: String) -> TimeZone? {
        guard isWellFormed(name), name.contains("/") || name == "UTC" || name == "GMT" else { return nil }
        return TimeZone(identifier: name)
    }

    static func isWellFormed(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= maximumLength else { return false }
        for component in name.split(separator: "/", omittingEmptySubsequences: false) {
            guard let first = component.utf8.first, isLetter(first) else { return false }
            let allowed = component.utf8.allSatisfy { byte in
                isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            }
            guard allowed else { return false }
        }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }
}
