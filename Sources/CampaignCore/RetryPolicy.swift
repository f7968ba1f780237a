/// Retry and redial rules of a campaign (SPEC §3).
public struct RetryPolicy: Sendable, Equatable {
    /// Dials per contact including the first; with `sweep`, passes.
    public var maxAttempts: Int = 3
    /// Minutes before a contact is eligible again.
    public var delayMinutes: Int = 30
    /// Outcome keys that redial: system outcomes and business dispositions, lower-case.
    public var on: Set<String> = ["no_answer", "busy", "failed", "timeout"]
    /// Which of a contact's numbers each attempt dials.
    public var numberStrategy: NumberStrategy = .rolling
    /// Stop redialling once a connected call lasted longer than this many seconds; nil = off.
    public var stopAfterConnectSeconds: Int?
    /// A connected call shorter than this many seconds counts as not reached; nil = off.
    public var redialShortConnectSeconds: Int?
    /// A completed call with at most one conversation turn counts as `no_answer`.
    public var shortCallRule: Bool = true

    /// System outcome keys `retry.on` accepts (SPEC §3); ``DispositionName/retryKeys(customDispositions:)`` adds
    /// the disposition names.
    public static let systemKeys: Set<String> = [
        "no_answer", "busy", "rejected", "failed", "timeout", "voicemail", "invalid_number",
    ]

    /// Creates the SPEC §3 default policy.
    public init() {}
}
