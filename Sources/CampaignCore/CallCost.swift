/// The billing rule of SPEC §8 and §10: a call costs its billed minutes × the carrier's rate, where billed time is
/// the connected time (answered → ended, 0 when never answered) rounded up to the carrier's billing increment. A
/// call that was never answered bills nothing; a call answered by a machine is connected, so it bills.
public enum CallCost {
    /// Seconds billed for `connectedSeconds` of connected time: whole increments, rounded up; 0 stays 0.
    public static func billedSeconds(connectedSeconds: Int, incrementSeconds: Int) -> Int {
        let increment = max(1, incrementSeconds)
        let connected = max(0, connectedSeconds)
        return (connected + increment - 1) / increment * increment
    }

    /// The cost of `billedSeconds` at `microsPerMinute`, in millionths, rounded half up to a millionth (a rate per
    /// minute billed by the second can leave a fraction of a millionth).
    public static func micros(billedSeconds: Int, microsPerMinute: Int64) -> Int64 {
        let (product, overflow) = Int64(max(0, billedSeconds)).multipliedReportingOverflow(by: microsPerMinute)
        guard !overflow else { return .max }
        return (product + 30) / 60
    }

    /// What one call of `connectedSeconds` costs at `rate`: its billed seconds and amount in millionths.
    public static func of(connectedSeconds: Int, rate: CarrierRate) -> (billedSeconds: Int, micros: Int64) {
        let billed = billedSeconds(connectedSeconds: connectedSeconds, incrementSeconds: rate.incrementSeconds)
        return (billed, micros(billedSeconds: billed, microsPerMinute: rate.microsPerMinute))
    }
}

extension MicroAmount {
    /// Amounts kept as whole millionths of a currency unit (never binary floating point), written as decimals.
    /// `12500` → `"0.0125"`, `2_000_000` → `"2"`, `-5` → `"-0.000005"`.
    public static func text(_ micros: Int64) -> String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        let whole = magnitude / 1_000_000
        var fraction = String(magnitude % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
