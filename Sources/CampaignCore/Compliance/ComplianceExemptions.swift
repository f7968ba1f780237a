/// What an organisation is exempted from (SPEC §9: by an admin, with a reason, audited by the server).
///
/// Only the hours part of the rules (weekday hours and blocked dates) can be waived. Frequency caps and opt-outs
/// cannot: a cap is a limit per person, not a time of day, and the statutes that set caps (Florida, Oklahoma,
/// Maryland) set them beside the hours, so an hours exemption does not reach them.
public struct ComplianceExemptions: Sendable, Hashable {
    /// Whether the rules' hours and blocked dates are waived.
    public var hours: Bool

    /// Creates exemptions.
    public init(hours: Bool = false) {
        self.hours = hours
    }

    /// No exemption: every rule applies in full.
    public static let none = ComplianceExemptions()
}
