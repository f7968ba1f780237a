import CampaignCore
import Foundation

/// One call to place, fully resolved when it was queued.
public struct DialRequest: Sendable, Equatable {
    /// The call row's id (also the provider's idempotency key).
    public var callId: Int64
    /// Campaign.
    public var campaignId: Int64
    /// Destination, E.164.
    public var to: String
    /// Caller ID, E.164.
    public var from: String
    /// When the attempt was queued.
    public var queuedAt: Date

    /// Creates a request.
    public init(callId: Int64, campaignId: Int64, to: String, from: String, queuedAt: Date) {
        self.callId = callId
        self.campaignId = campaignId
        self.to = to
        self.from = from
        self.queuedAt = queuedAt
    }
}

/// The seam to telephony. A provider places a call and reports how it ended; the dialer records it.
public protocol CallProvider: Sendable {
    /// Places the call; returns its report. The report's `endedAt` may lie ahead of the clock (a simulated call
    /// that is still going): the dialer keeps the call live until its clock reaches that instant.
    func place(_ request: DialRequest) async throws -> CallResult
    /// What the provider knows about a call whose worker died, or nil when it cannot tell.
    func reconcile(_ request: DialRequest) async -> CallResult?
    /// The longest a call can last; leases run this long plus a margin.
    var maximumCallDuration: TimeInterval { get }
}
