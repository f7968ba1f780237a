/// What a carrier charges for a connected call: a price per minute, held exactly in millionths of the carrier's
/// currency, and the billing increment connected time is rounded up to.
public struct CarrierRate: Sendable, Equatable {
    /// The price of one minute, in millionths of the currency (0.0125 → 12,500).
    public var microsPerMinute: Int64
    /// Connected time is billed in whole increments of this many seconds (at least 1).
    public var incrementSeconds: Int

    /// The increment when the carrier names none: whole minutes, since the rate is a price per minute.
    public static let defaultIncrementSeconds = 60

    /// The highest price per minute accepted (a million currency units), so that a call's cost cannot overflow.
    public static let maximumMicrosPerMinute: Int64 = 1_000_000 * 1_000_000

    /// A rate of `microsPerMinute`, billed in increments of `incrementSeconds` (the default when nil or below 1).
    public init(microsPerMinute: Int64, incrementSeconds: Int? = nil) {
        self.microsPerMinute = min(max(0, microsPerMinute), Self.maximumMicrosPerMinute)
        self.incrementSeconds = max(1, incrementSeconds ?? Self.defaultIncrementSeconds)
    }

    /// The rate written as a decimal (`"0.0125"`, `"2"`, `"0.01"`) with at most six decimals, or nil when the text
    /// is no such number, negative or above the maximum. Parsed digit by digit: no binary floating point.
    public init?(ratePerMinute text: String, incrementSeconds: Int? = nil) {
        guard let micros = Self.micros(text) else { return nil }
        self.init(microsPerMinute: micros, incrementSeconds: incrementSeconds)
    }

    /// Millionths of a decimal text, or nil.
    static func micros(_ text: String) -> Int64? {
        let trimmed = text.trimmingPrefix(while: { $0 == " " })
        let parts = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        var fraction = parts.count > 1 ? Substring(parts[1]) : ""
        while fraction.count > 6, fraction.last == "0" { fraction = fraction.dropLast() }
        guard !whole.isEmpty || !fraction.isEmpty, whole.count <= 7, fraction.count <= 6,
            whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit)
        else { return nil }
        let padded = fraction + String(repeating: "0", count: 6 - fraction.count)
        guard let units = Int64(whole.isEmpty ? "0" : String(whole)), let millionths = Int64(padded) else {
            return nil
        }
        let value = units * 1_000_000 + millionths
        return value <= maximumMicrosPerMinute ? value : nil
    }

    /// The rate as a decimal text with no trailing zeros (`12500` → `"0.0125"`).
    public var decimalText: String { MicroAmount.text(microsPerMinute) }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
