import Foundation

/// A carrier as a request or command describes it (SPEC §11), before it is stored; ``validate()`` names every
/// offending field by its API name.
public struct CarrierDraft: Sendable, Equatable {
    /// Unique name in the organisation.
    public var name: String
    /// Simulator or SIP (Twilio is refused until built).
    public var kind: CarrierKind
    /// `host:port` of the trunk; empty for the simulator.
    public var address: String
    /// Digest user name; empty for none.
    public var username: String
    /// Digest password; nil keeps the stored one on an update (none on a create).
    public var password: String?
    /// Calls per second the carrier takes; nil for no limit.
    public var cps: Int?
    /// Seconds a call may ring before it is cancelled.
    public var ringTimeoutSeconds: Int
    /// Price of a billed minute; nil when unknown (calls then have no cost).
    public var ratePerMinute: MicroAmount?
    /// Billing increment: connected time is rounded up to a multiple of this many seconds.
    public var billingIncrementSeconds: Int

    /// The ring timeout's allowed range, in seconds.
    public static let ringTimeoutRange = 5...300
    /// The billing increment's allowed range, in seconds.
    public static let billingIncrementRange = 1...3_600
    /// The most calls per second a carrier may be given.
    public static let cpsLimit = 10_000

    /// Creates a draft; unset fields take their defaults (30 s ring timeout, 60 s billing increment).
    public init(
        name: String, kind: CarrierKind = .simulator, address: String = "", username: String = "",
        password: String? = nil, cps: Int? = nil, ringTimeoutSeconds: Int = 30, ratePerMinute: MicroAmount? = nil,
        billingIncrementSeconds: Int = 60
    ) {
        self.name = name
        self.kind = kind
        self.address = address
        self.username = username
        self.password = password
        self.cps = cps
        self.ringTimeoutSeconds = ringTimeoutSeconds
        self.ratePerMinute = ratePerMinute
        self.billingIncrementSeconds = billingIncrementSeconds
    }

    /// Every offending field, in a fixed order; empty when the draft may be stored.
    public func validate() -> [SettingsError] {
        var problems: [SettingsError] = []
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || name.count > 200 {
            problems.append(SettingsError(key: "name", reason: "must be 1 to 200 characters"))
        }
        if !kind.isBuilt {
            problems.append(
                SettingsError(
                    key: "kind", reason: "'\(kind.rawValue)' carriers are not supported yet; use simulator or sip"))
        }
        if kind == .sip && address.isEmpty {
            problems.append(SettingsError(key: "address", reason: "a sip carrier needs its trunk's host:port"))
        } else if !address.isEmpty, let reason = Self.addressProblem(address) {
            problems.append(SettingsError(key: "address", reason: reason))
        }
        if username.count > 200 { problems.append(SettingsError(key: "username", reason: "is longer than 200")) }
        if let password, password.count > 200 {
            problems.append(SettingsError(key: "password", reason: "is longer than 200"))
        }
        if let cps, !(1...Self.cpsLimit).contains(cps) {
            problems.append(SettingsError(key: "cps", reason: "must be from 1 to \(Self.cpsLimit), got \(cps)"))
        }
        if !Self.ringTimeoutRange.contains(ringTimeoutSeconds) {
            problems.append(
                SettingsError(
                    key: "ringTimeoutSeconds",
                    reason: "must be from \(Self.ringTimeoutRange.lowerBound) to \(Self.ringTimeoutRange.upperBound)"
                        + " seconds, got \(ringTimeoutSeconds)"))
        }
        if !Self.billingIncrementRange.contains(billingIncrementSeconds) {
            problems.append(
                SettingsError(
                    key: "billingIncrementSeconds",
                    reason: "must be from 1 to \(Self.billingIncrementRange.upperBound) seconds, got "
                        + "\(billingIncrementSeconds)"))
        }
        return problems
    }

    /// Nil when `text` is `host:port` (a DNS name, IPv4 address or bracketed IPv6 address, and a port 1–65535).
    public static func addressProblem(_ text: String) -> String? {
        let expected = "must be host:port, got \(SettingsError.quoted(text))"
        guard let colon = text.lastIndex(of: ":") else { return expected }
        let host = text[..<colon]
        let port = text[text.index(after: colon)...]
        guard let number = Int(port), (1...65_535).contains(number), port.allSatisfy(\.isNumber) else {
            return expected
        }
        if host.hasPrefix("[") && host.hasSuffix("]") {
            let inside = host.dropFirst().dropLast()
            return !inside.isEmpty && inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) ? nil : expected
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let valid =
            !host.isEmpty && host.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
        return valid ? nil : expected
    }
}
