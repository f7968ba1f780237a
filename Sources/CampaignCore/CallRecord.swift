import Foundation

/// One dial (SPEC §1 "Call"): immutable once ended; retries are new calls.
public struct CallRecord: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// Campaign.
    public var campaignId: Int64
    /// Lead (campaign contact).
    public var leadId: Int64
    /// Attempt number for the contact, from 1.
    public var attempt: Int
    /// Breadth-first pass, from 1.
    public var pass: Int
    /// 0 for the primary number.
    public var numberIndex: Int
    /// Destination, E.164.
    public var to: String
    /// Caller ID, E.164.
    public var from: String
    /// Zone(s) the window was evaluated in, joined by `|`.
    public var contactTimezone: String
    /// When the attempt was leased and queued.
    public var queuedAt: Date
    /// The ended call's report; nil while live.
    public var result: CallResult?
    /// The campaign run the call belongs to: 1 for the first, +1 after each restart.
    public var run: Int
    /// The billed amount in the carrier's currency; nil while no rate is known.
    public var cost: Decimal?

    /// Creates a call value.
    public init(
        id: Int64, orgId: Int64, campaignId: Int64, leadId: Int64, attempt: Int, pass: Int, numberIndex: Int,
        to: String, from: String, contactTimezone: String, queuedAt: Date, result: CallResult?, run: Int = 1,
        cost: Decimal? = nil
    ) {
        self.id = id
        self.orgId = orgId
        self.campaignId = campaignId
        self.leadId = leadId
        self.attempt = attempt
        self.pass = pass
        self.numberIndex = numberIndex
        self.to = to
        self.from = from
        self.contactTimezone = contactTimezone
        self.queuedAt = queuedAt
        self.result = result
        self.run = run
        self.cost = cost
    }
}
