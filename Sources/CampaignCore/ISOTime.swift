import Foundation

/// ISO-8601 instants as the contracts of SPEC §10 write them: UTC with a `Z`, seconds precision.
public enum ISOTime {
    /// Parses `2026-03-09T14:00:00Z`, with an offset instead of `Z`, or with fractional seconds.
    public static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// Formats as `2026-03-09T14:00:00Z`.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// The shape of an E.164 number: `+`, a non-zero digit, then 6 to 14 more digits.
public enum E164 {
    /// Whether `text` is shaped like an E.164 number (numbering-plan validity is the importer's job).
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 8, bytes.count <= 16, bytes[0] == UInt8(ascii: "+"),
            bytes[1] >= UInt8(ascii: "1"), bytes[1] <= UInt8(ascii: "9")
        else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
