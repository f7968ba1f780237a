import Foundation

/// The numbers of sign-in and sessions, in one place (docs/api.md quotes them): how many failed sign-ins an account
/// and a client address may have in a window before further tries are refused with 429 unchecked, and how long a
/// session lives.
public struct SignInPolicy: Sendable, Equatable {
    /// Failed sign-ins per account (email) in ``window`` before its sign-ins are refused.
    public var accountFailures: Int
    /// Failed sign-ins per client address in ``window`` before its sign-ins are refused.
    public var addressFailures: Int
    /// The sliding window failures are counted in.
    public var window: TimeInterval
    /// A session unused this long ends (idle timeout).
    public var idleTimeout: TimeInterval
    /// A session ends this long after sign-in however much it is used (absolute lifetime).
    public var lifetime: TimeInterval
    /// How stale a session's recorded last use may get before a request records a newer one (saves a write per
    /// request; the idle timeout is this much less precise).
    public var seenResolution: TimeInterval

    /// 5 failures per account and 20 per address in 15 minutes; sessions idle out after 2 hours and end 12 hours
    /// after sign-in.
    public static let standard = SignInPolicy(
        accountFailures: 5, addressFailures: 20, window: 15 * 60, idleTimeout: 2 * 3600, lifetime: 12 * 3600,
        seenResolution: 60)

    /// Creates a policy.
    public init(
        accountFailures: Int, addressFailures: Int, window: TimeInterval, idleTimeout: TimeInterval,
        lifetime: TimeInterval, seenResolution: TimeInterval
    ) {
        self.accountFailures = accountFailures
        self.addressFailures = addressFailures
        self.window = window
        self.idleTimeout = idleTimeout
        self.lifetime = lifetime
        self.seenResolution = seenResolution
    }

    /// Seconds until failures at `failures` (oldest first, all inside the window ending at `now`) drop below `limit`;
    /// nil when they are below it already.
    public func retryAfter(_ failures: [Date], limit: Int, now: Date) -> Int? {
        guard failures.count >= limit, limit > 0 else { return nil }
        let freeing = failures[failures.count - limit]
        return max(1, Int((freeing.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
    }
}
