import Foundation

/// A greeting, prompt or voicemail text with `{{TOKEN}}` placeholders.
///
/// A token is any text between `{{` and `}}` (spaces inside the braces are ignored) whose
/// normalised form (see ``normalizedName(_:)``) is not empty; it is matched against variable
/// names case-insensitively. Rendering never leaves a token in the output: a missing value
/// renders as empty, except `{{NAME}}`, which falls back to ``defaultName``.
public struct Template: Sendable, Hashable {
    /// A piece of a parsed template.
    public enum Part: Sendable, Hashable {
        /// Text copied as it is.
        case text(String)
        /// A placeholder, by normalised variable name.
        case token(String)
    }

    /// The variable that falls back to ``defaultName`` when empty.
    public static let nameVariable = "NAME"
    /// The variable that is always available, empty when the contact has none.
    public static let emailVariable = "EMAIL"
    /// What `{{NAME}}` renders as when the contact has no name.
    public static let defaultName = "there"

    /// The original text.
    public let text: String
    /// The text split into literal pieces and tokens.
    public let parts: [Part]

    /// Parses `text`. Unclosed or empty braces are kept as literal text.
    public init(_ text: String) {
        self.text = text
        self.parts = Self.parse(text)
    }

    /// The normalised variable names used, in order of first appearance, without repeats.
    public var variables: [String] {
        var seen = Set<String>()
        return parts.compactMap { part in
            guard case .token(let name) = part, seen.insert(name).inserted else { return nil }
            return name
        }
    }

    /// Renders the text with `values`, whose keys are normalised before lookup.
    public func render(_ values: [String: String]) -> String {
        var normalized: [String: String] = [:]
        for (key, value) in values {
            let name = Self.normalizedName(key)
            if normalized[name]?.isEmpty ?? true { normalized[name] = value }
        }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for part in parts {
            switch part {
            case .text(let literal):
                output += literal
            case .token(let name):
                let value = normalized[name] ?? ""
                if name == Self.nameVariable && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    output += Self.defaultName
                } else {
                    output += value
                }
            }
        }
        return output
    }

    /// Normalises a column header or token into a variable name: upper-cased, every run of
    /// characters other than letters and digits replaced by `_`, and no `_` at either end
    /// (`case number` → `CASE_NUMBER`, `Tax-ID` → `TAX_ID`).
    public static func normalizedName(_ raw: String) -> String {
        var result = ""
        var pendingSeparator = false
        for character in raw.uppercased() {
            if character.isLetter || character.isNumber {
                if pendingSeparator && !result.isEmpty { result.append("_") }
                pendingSeparator = false
                result.append(character)
            } else {
                pendingSeparator = true
            }
        }
        return result
    }

    private static func parse(_ text: String) -> [Part] {
        var parts: [Part] = []
        var literal = Substring()
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let inner = rest[open.upperBound..<close.lowerBound]
            let name = normalizedName(String(inner))
            if name.isEmpty || inner.contains("{") || inner.contains("\n") {
                let next = rest.index(after: open.lowerBound)
                literal += rest[..<next]
                rest = rest[next...]
                continue
            }
            literal += rest[..<open.lowerBound]
            if !literal.isEmpty { parts.append(.text(String(literal))) }
            literal = Substring()
            parts.append(.token(name))
            rest = rest[close.upperBound...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.text(String(literal))) }
        return parts
    }
}
