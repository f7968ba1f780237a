import Foundation

/// A campaign as stored: identity, status and its settings document.
public struct Campaign: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// The agent that talks.
    public var agentId: Int64
    /// Lifecycle status.
    public var status: CampaignStatus
    /// Settings (name, pool, window, pacing, retries …).
    public var settings: CampaignSettings
    /// Whether the campaign has ever run: name, agent and contacts are locked from then on.
    public var hasRun: Bool
    /// Bumped by every restart; calls keep the generation they were placed in.
    public var generation: Int

    /// Creates a campaign value.
    public init(
        id: Int64, orgId: Int64, agentId: Int64, status: CampaignStatus, settings: CampaignSettings,
        hasRun: Bool, generation: Int
    ) {
        self.id = id
        self.orgId = orgId
        self.agentId = agentId
        self.status = status
        self.settings = settings
        self.hasRun = hasRun
        self.generation = generation
    }
}

/// A contact to add to a campaign, before the store gives it an id.
public struct NewLead: Sendable, Equatable {
    /// Line of the uploaded file (1 = header), 0 when not from a file.
    public var sourceLine: Int
    /// E.164 numbers, primary first.
    public var numbers: [String]
    /// Candidate IANA zones (more than one when the number does not pin one down).
    public var timezones: [String]
    /// `column`, `number` or `default`.
    public var timezoneSource: String
    /// Normalised variable names and values.
    public var variables: [String: String]
    /// The jurisdictions of its numbers (``JurisdictionKey``: `US|US-FL`); nil when unknown, in which case an
    /// engine command works them out from the numbers when it opens the database.
    public var ruleKey: String?

    /// Creates a contact.
    public init(
        sourceLine: Int, numbers: [String], timezones: [String], timezoneSource: String,
        variables: [String: String], ruleKey: String? = nil
    ) {
        self.sourceLine = sourceLine
        self.numbers = numbers
        self.timezones = timezones
        self.timezoneSource = timezoneSource
        self.variables = variables
        self.ruleKey = ruleKey
    }

    /// The dial key the lead is selected by (`zones#rules`).
    public var dialKey: DialKey { DialKey(zoneKey: timezones.joined(separator: "|"), ruleKey: ruleKey) }
}
