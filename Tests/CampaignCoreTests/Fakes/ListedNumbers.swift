import CampaignCore

/// A number validator that knows only a fixed list of numbers: stands in for the phone metadata, which
/// CampaignCore's tests cannot load.
struct ListedNumbers: NumberValidator {
    let valid: Set<String>

    /// The numbers the settings tests use.
    static let pool = ListedNumbers(valid: ["+14155550100", "+14155550101", "+14155550199", "+442071838750"])

    func problem(with e164: String) -> String? {
        valid.contains(e164) ? nil : "not a number of any numbering plan"
    }
}
