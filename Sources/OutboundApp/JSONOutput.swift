import Foundation

/// The JSON every report of the app layer is written as.
public enum JSONOutput {
    /// One JSON object with sorted keys (and URLs written as they are, `/` not escaped), the shape every `--json`
    /// output has.
    public static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
