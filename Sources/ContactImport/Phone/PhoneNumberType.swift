/// What kind of line a number is, as far as the numbering-plan metadata can tell.
public enum PhoneNumberType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A geographic landline.
    case fixedLine = "fixed_line"
    /// A mobile number.
    case mobile
    /// The plan does not distinguish landlines from mobiles for this number (NANP, for example).
    case fixedLineOrMobile = "fixed_line_or_mobile"
    /// Free to the caller.
    case tollFree = "toll_free"
    /// Charged above the normal rate.
    case premium
    /// Cost shared between caller and callee.
    case sharedCost = "shared_cost"
    /// Voice over IP.
    case voip
    /// A personal number that forwards elsewhere.
    case personalNumber = "personal_number"
    /// A pager.
    case pager
    /// A universal access number (a company's single number).
    case uan
    /// A direct voicemail access number.
    case voicemail
    /// The metadata does not know.
    case unknown

    /// Whether the number is tied to a place, so that its prefix says which time zone it is in.
    func isGeographical(countryCode: Int, geoMobileCountries: Set<Int>) -> Bool {
        switch self {
        case .fixedLine, .fixedLineOrMobile: return true
        case .mobile: return geoMobileCountries.contains(countryCode)
        default: return false
        }
    }
}
