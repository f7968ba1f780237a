import CampaignCore

/// The jurisdictions whose compliance rules apply to a number: its country and, for the US, its state.
///
/// A US number is `["US", "US-FL"]` (federal and state rules both apply), a number of a US territory that
/// libphonenumber treats as a region of its own `["US", "US-PR"]`, a toll-free US number `["US"]`, any other number
/// its region (`["IN"]`, `["CA"]`), and a number of an international network with no country `["001"]`, for which
/// only the default rule applies.
public struct JurisdictionResolver: Sendable {
    private let areaCodes: NANPAreaCodes

    /// Creates a resolver over the NANP area-code table.
    public init(areaCodes: NANPAreaCodes) {
        self.areaCodes = areaCodes
    }

    /// The number's jurisdictions, country first.
    public func jurisdictions(for number: PhoneNumber) -> [String] {
        if number.countryCode == 1, let found = areaCodes.jurisdiction(nationalNumber: number.nationalNumber) {
            let country = ComplianceRules.country(of: found)
            return found == country ? [country] : [country, found]
        }
        return [number.region]
    }

    /// The number's rule key (``JurisdictionKey``): its jurisdictions joined by `|`, e.g. `US|US-FL`.
    public func ruleKey(for number: PhoneNumber) -> String {
        JurisdictionKey.key(jurisdictions(for: number))
    }
}
