import Foundation

/// The tenant: every other object belongs to exactly one organisation.
public struct Organization: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Display name.
    public var name: String

    /// Creates an organisation value.
    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

/// A voice agent (bot) of an organisation.
public struct Agent: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// Texts and callback switch.
    public var profile: AgentProfile

    /// Creates an agent value.
    public init(id: Int64, orgId: Int64, profile: AgentProfile) {
        self.id = id
        self.orgId = orgId
        self.profile = profile
    }
}

/// How calls leave: the provider kind and its dial-rate limit.
public struct Carrier: Sendable, Equatable, Identifiable {
    /// Provider kinds.
    public enum Kind: String, Sendable, CaseIterable { case simulator, sipTrunk = "sip-trunk", twilio }
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// Provider kind.
    public var kind: Kind
    /// Calls per second the carrier accepts; nil = unlimited.
    public var callsPerSecond: Double?
}

/// A phone number (DID) an organisation owns.
public struct OwnedNumber: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// E.164.
    public var e164: String
    /// Operator label.
    public var label: String
    /// Whether the number can place calls (inbound-only numbers cannot).
    public var outbound: Bool

    /// Creates a number value.
    public init(id: Int64, orgId: Int64, e164: String, label: String, outbound: Bool) {
        self.id = id
        self.orgId = orgId
        self.e164 = e164
        self.label = label
        self.outbound = outbound
    }
}

/// An org-wide do-not-call entry.
public struct OptOutEntry: Sendable, Equatable {
    /// Owning organisation.
    public var orgId: Int64
    /// The number, E.164.
    public var e164: String
    /// Where it came from (`disposition`, `operator`, `import`).
    public var source: String
    /// When it was added.
    public var createdAt: Date
}
