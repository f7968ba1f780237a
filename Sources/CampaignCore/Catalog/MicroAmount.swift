import Foundation

/// An exact amount of money (or any non-negative decimal) in millionths: `0.0125` is 12 500. Money is never held in
/// binary floating point.
public struct MicroAmount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The amount in millionths.
    public var micros: Int64

    /// Wraps an amount in millionths.
    public init(micros: Int64) { self.micros = micros }

    /// Parses a plain decimal (`0.012`, `3`, `.5`): digits with at most six after the point, no sign, no exponent.
    public init?(decimal text: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.count <= 12, fraction.count <= 6,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
            parts.count == 1 || !fraction.isEmpty
        else { return nil }
        let wholeValue = Int64(whole) ?? 0
        let fractionValue = Int64(fraction.padding(toLength: 6, withPad: "0", startingAt: 0)) ?? 0
        micros = wholeValue * 1_000_000 + fractionValue
    }

    /// The shortest plain decimal that reads back as the same amount (`0.0125`, `3`).
    public var description: String { Self.text(micros) }

    public static func < (lhs: MicroAmount, rhs: MicroAmount) -> Bool { lhs.micros < rhs.micros }
}
