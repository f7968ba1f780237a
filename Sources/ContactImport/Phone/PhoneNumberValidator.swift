import CampaignCore

/// Checks caller-ID numbers of a settings document against libphonenumber's numbering plans: a pool number must
/// be a valid number written exactly in E.164, not just `+` and digits (`+1415555` is refused: too short).
public struct PhoneNumberValidator: NumberValidator {
    private let parser: PhoneNumberParser

    /// A validator over `metadata` (normally ``PhoneMetadata/loadBundled()``).
    public init(metadata: PhoneMetadata) throws(ContactImportError) {
        // Every number checked starts with `+` and its country code, so the default region never applies.
        parser = try PhoneNumberParser(metadata: metadata, defaultRegion: "US")
    }

    /// Nil when `e164` is a valid number in its E.164 form, else why not (`too short`, `invalid country code`, …).
    public func problem(with e164: String) -> String? {
        switch parser.parse(e164) {
        case .invalid(let rejection):
            return rejection.description
        case .valid(let number) where number.e164 != e164:
            return "its E.164 form is \(number.e164)"
        case .valid:
            return nil
        }
    }

    /// The E.164 form of a number written in international form or in the US national form, or why it is none.
    public func normalized(_ text: String) -> NumberCheck {
        switch parser.parse(text) {
        case .invalid(let rejection): .invalid(rejection.description)
        case .valid(let number): .valid(number.e164)
        }
    }
}
