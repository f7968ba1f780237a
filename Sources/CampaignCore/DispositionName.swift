/// What a disposition name may be (SPEC §6) and which names `retry.on` accepts (SPEC §3).
public enum DispositionName {
    /// Longest custom disposition name.
    public static let maximumLength = 64

    /// Whether `name` can name a custom disposition: an ASCII letter, then ASCII letters, digits or `_`, at most
    /// ``maximumLength`` in all; compared upper-cased. So a name can never start a CSV cell with `=`, `+`, `-` or
    /// `@`, and never carries a control character or a look-alike letter.
    public static func isWellFormed(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maximumLength, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == 95 }
    }

    /// Whether `name` (any case) is a standard disposition or one of `customDispositions` (upper-case).
    public static func isKnown(_ name: String, customDispositions: [String]) -> Bool {
        let upper = name.uppercased()
        return StandardDisposition(rawValue: upper) != nil || customDispositions.contains(upper)
    }

    /// The names `retry.on` matches against for a campaign with these custom dispositions, lower-case: the system
    /// outcomes, the standard dispositions (`callback_requested` standing for a CALLBACK that is not scheduled)
    /// and the custom ones.
    public static func retryKeys(customDispositions: [String]) -> Set<String> {
        var keys = RetryPolicy.systemKeys
        for disposition in StandardDisposition.allCases where disposition != .callback {
            keys.insert(disposition.rawValue.lowercased())
        }
        keys.insert("callback_requested")
        keys.formUnion(customDispositions.map { $0.lowercased() })
        return keys
    }

    /// Nil when `key` (any case) is a name `retry.on` accepts, else why not.
    public static func retryKeyProblem(_ key: String, customDispositions: [String]) -> String? {
        let accepted = retryKeys(customDispositions: customDispositions)
        let lower = key.lowercased()
        if accepted.contains(lower) { return nil }
        if lower == "callback" {
            return
                "\(SettingsError.quoted(key)) never matches: a CALLBACK that is not scheduled is 'callback_requested'"
        }
        return "\(SettingsError.quoted(key)) is not an outcome or disposition name (accepted: "
            + accepted.sorted().joined(separator: ", ") + "; custom names go in customDispositions)"
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }
}
