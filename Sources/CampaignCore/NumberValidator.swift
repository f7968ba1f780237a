import Foundation

/// Decides whether a well-formed E.164 number is a real number a call can come from. Numbering-plan validity
/// needs phone metadata, which this pure module does not hold, so the application passes a validator in
/// (`PhoneNumberValidator` of ContactImport, built from the bundled metadata).
public protocol NumberValidator: Sendable {
    /// Nil when `e164` (already `+` and digits) is a valid number, else a short reason such as `too short`.
    func problem(with e164: String) -> String?
    /// The E.164 form of a number as a person wrote it (`(415) 555-0100`, `+44 20 7123 4567`), or why it is none.
    func normalized(_ text: String) -> NumberCheck
}

/// What ``NumberValidator/normalized(_:)`` made of a written number.
public enum NumberCheck: Sendable, Equatable {
    /// A valid number, in E.164.
    case valid(String)
    /// Not a number calls can go to, and why.
    case invalid(String)
}

extension NumberValidator {
    /// Numbers already written in E.164 only, checked with ``problem(with:)``.
    public func normalized(_ text: String) -> NumberCheck {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard E164.isWellFormed(trimmed) else { return .invalid("not an E.164 number (+ and 7 to 15 digits)") }
        return problem(with: trimmed).map(NumberCheck.invalid) ?? .valid(trimmed)
    }
}

/// Accepts every well-formed E.164 number. For documents that were checked against the metadata when they were
/// written (a stored campaign must still load after a numbering plan changes) and for tests of rules that do not
/// depend on numbering plans; never for a document a person or program just sent.
public struct WellFormedNumbers: NumberValidator {
    /// Creates the shape-only validator.
    public init() {}

    /// Always nil: the shape is checked by the settings rules themselves.
    public func problem(with e164: String) -> String? { nil }
}
