import CampaignCore
import Foundation

/// One attempt handed to a dispatcher: the call row exists, leased to `leaseOwner` until `leaseExpires`.
public struct LeasedAttempt: Sendable, Equatable {
    /// The call row's id.
    public var callId: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// Campaign.
    public var campaignId: Int64
    /// Lead.
    public var leadId: Int64
    /// Attempt number for the contact, from 1.
    public var attempt: Int
    /// Pass, from 1.
    public var pass: Int
    /// Number index dialled.
    public var numberIndex: Int
    /// Destination.
    public var to: String
    /// Caller ID.
    public var from: String
    /// Zone(s) the window was evaluated in, joined by `|`.
    public var contactTimezone: String
    /// When it was queued.
    public var queuedAt: Date
    /// Who holds the lease.
    public var leaseOwner: String
    /// When the lease lapses unless the call is recorded or the lease renewed.
    public var leaseExpires: Date

    /// Creates an attempt (the store builds them from call rows; tests build them by hand).
    public init(
        callId: Int64, orgId: Int64, campaignId: Int64, leadId: Int64, attempt: Int, pass: Int, numberIndex: Int,
        to: String, from: String, contactTimezone: String, queuedAt: Date, leaseOwner: String, leaseExpires: Date
    ) {
        self.callId = callId
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
        self.leaseOwner = leaseOwner
        self.leaseExpires = leaseExpires
    }
}

/// What a dispatcher asks for when it leases.
public struct LeaseRequest: Sendable {
    /// Campaign to lease from.
    public var campaign: Campaign
    /// Lease owner (worker id).
    public var owner: String
    /// Now.
    public var now: Date
    /// At most this many attempts.
    public var limit: Int
    /// Dial keys (`zones#rules`) whose window and rules are open now; nil for every key.
    public var openZoneKeys: [String]?
    /// How long the lease lasts.
    public var leaseDuration: TimeInterval
    /// The frequency caps of each open key that has any: a lead is leased only while every cap allows one more
    /// attempt to its number (counted across the organisation's campaigns), else it waits until the cap frees.
    public var caps: [String: [(ruleId: String, cap: FrequencyCap)]] = [:]

    /// Creates a request.
    public init(
        campaign: Campaign, owner: String, now: Date, limit: Int, openZoneKeys: [String]?,
        leaseDuration: TimeInterval
    ) {
        self.campaign = campaign
        self.owner = owner
        self.now = now
        self.limit = limit
        self.openZoneKeys = openZoneKeys
        self.leaseDuration = leaseDuration
    }
}

/// The result of one lease: attempts to dial, and leads that were due but whose number is opted out.
public struct LeaseBatch: Sendable, Equatable {
    /// Attempts to dial now.
    public var attempts: [LeasedAttempt]
    /// Due leads that were moved off an opted-out number (or finished) instead of being dialled.
    public var settledOptOuts: Int
    /// When the calls-per-hour cap was what stopped leasing: the instant the oldest counted call leaves the hour.
    public var capacityReturnsAt: Date?
    /// Due leads a frequency cap made wait (until it frees), by rule id.
    public var capWaits: [String: Int]

    /// Creates a batch.
    public init(
        attempts: [LeasedAttempt], settledOptOuts: Int, capacityReturnsAt: Date? = nil, capWaits: [String: Int] = [:]
    ) {
        self.attempts = attempts
        self.settledOptOuts = settledOptOuts
        self.capacityReturnsAt = capacityReturnsAt
        self.capWaits = capWaits
    }
}

/// What happened when a dispatcher recorded an ended call.
public enum RecordOutcome: Sendable, Equatable {
    /// Recorded with this decision for the lead.
    case recorded(LeadDecision)
    /// The call was ended already (by another node, a duplicate event, a reaper): nothing changed.
    case alreadyEnded
}

/// A live call's progress, as a provider reported it.
public struct CallProgress: Sendable, Equatable {
    /// The call row.
    public var callId: Int64
    /// The state the call reached.
    public var state: CallState
    /// The provider's reference, when known.
    public var providerCallId: String?
    /// When it happened.
    public var at: Date
    /// Who answered, for `answered`.
    public var answeredBy: AnsweredBy?

    /// Creates a progress report.
    public init(
        callId: Int64, state: CallState, providerCallId: String? = nil, at: Date, answeredBy: AnsweredBy? = nil
    ) {
        self.callId = callId
        self.state = state
        self.providerCallId = providerCallId
        self.at = at
        self.answeredBy = answeredBy
    }
}

/// Lead counts of a campaign by status (SPEC §8), waiting counted as pending.
public struct LeadCounts: Sendable, Equatable {
    /// All leads.
    public var total = 0
    /// Due or waiting for a retry.
    public var pending = 0
    /// Leased or live.
    public var inProgress = 0
    /// Reached or finished by disposition.
    public var completed = 0
    /// Exhausted or unusable.
    public var failed = 0
    /// Excluded.
    public var excluded = 0

    /// Creates zero counts.
    public init() {}

    /// Leads with no future call.
    public var finished: Int { completed + failed + excluded }

    /// The leads a status filter finds (`pending` includes the waiting ones, counted as pending).
    public func count(of status: LeadStatus) -> Int {
        switch status {
        case .pending, .waiting: pending
        case .inProgress: inProgress
        case .completed: completed
        case .failed: failed
        case .excluded: excluded
        }
    }

    /// Adds `count` leads of the stored status `status` to its count (waiting to pending; an unknown one to none).
    mutating func add(_ count: Int, status: String) {
        switch LeadStatus(rawValue: status) {
        case .pending, .waiting: pending += count
        case .inProgress: inProgress += count
        case .completed: completed += count
        case .failed: failed += count
        case .excluded: excluded += count
        case nil: break
        }
    }
}

/// Calls of a campaign by outcome and disposition, for the summary.
public struct CallSummary: Sendable, Equatable {
    /// Calls placed.
    public var calls = 0
    /// Calls a human answered.
    public var reached = 0
    /// Calls per outcome in the call log's words, answered calls split by `answered_by`: `answered (human)`,
    /// `answered (machine)`, `no_answer`, …
    public var outcomes: [String: Int] = [:]
    /// Calls per disposition.
    public var dispositions: [String: Int] = [:]
    /// First queued and last ended time.
    public var firstQueued: Date?
    /// Last ended time.
    public var lastEnded: Date?

    /// Creates an empty summary.
    public init() {}
}
