import Foundation

/// Who did something (SPEC §9: every state change is auditable — who, what, when).
public struct AuditActor: Sendable, Equatable {
    /// What kind of principal: `user`, `key` (an API key), `cli` (a command on the database) or `system` (the
    /// engine on its own, such as a campaign completing).
    public var kind: String
    /// The user's or key's id; nil for the command line and the system.
    public var id: Int64?
    /// What people recognise: the user's email, the key's name and prefix, the command's OS user.
    public var label: String

    /// Creates an actor.
    public init(kind: String, id: Int64? = nil, label: String) {
        self.kind = kind
        self.id = id
        self.label = label
    }

    /// The engine on its own.
    public static let system = AuditActor(kind: "system", label: "outbound")
}

/// Who the current task acts for. The composition roots set it around each request or command (the HTTP router from
/// the request's key or session, the CLI for the command), and every store write that changes state records it in
/// the audit log in its own transaction; nothing set means the system.
public enum AuditContext {
    /// The actor of the current task.
    @TaskLocal public static var actor: AuditActor?
}

/// One line of the audit log.
public struct AuditEntry: Sendable, Equatable, Identifiable {
    /// Store id (increasing).
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// When (the clock of the process that did it).
    public var at: Date
    /// Who.
    public var actor: AuditActor
    /// What, as `object.verb`: `campaign.start`, `campaign.edit`, `contacts.upload`, `apikey.revoke`, …
    public var action: String
    /// The kind of object it was done to (`campaign`, `apikey`, `user`, `organization`, …).
    public var targetKind: String
    /// The object's id, when it has one.
    public var targetId: Int64?
    /// Details (a JSON object with string values): the counts of an upload, the keys an edit changed, a reason.
    public var detail: [String: String]

    /// Creates an entry.
    public init(
        id: Int64, orgId: Int64, at: Date, actor: AuditActor, action: String, targetKind: String, targetId: Int64?,
        detail: [String: String]
    ) {
        self.id = id
        self.orgId = orgId
        self.at = at
        self.actor = actor
        self.action = action
        self.targetKind = targetKind
        self.targetId = targetId
        self.detail = detail
    }
}

/// Which entries of the audit log a list shows.
public struct AuditFilter: Sendable, Equatable {
    /// Only this kind of object.
    public var targetKind: String?
    /// Only this object (with `targetKind`).
    public var targetId: Int64?
    /// Only actions starting with this text (`campaign.` for every campaign action).
    public var actionPrefix: String?

    /// Creates a filter.
    public init(targetKind: String? = nil, targetId: Int64? = nil, actionPrefix: String? = nil) {
        self.targetKind = targetKind
        self.targetId = targetId
        self.actionPrefix = actionPrefix
    }
}

/// The organisation's audit log, newest first, and its audited exemption from the quiet hours.
public protocol AuditStore: Sendable {
    /// Entries older than `beforeId` (all when nil), newest first, at most `limit`.
    func auditEntries(orgId: Int64, filter: AuditFilter, beforeId: Int64?, limit: Int) async throws -> [AuditEntry]
    /// The organisation's exemption from the quiet hours, or nil.
    func hoursExemption(orgId: Int64) async throws -> HoursExemption?
    /// Grants (with a reason) or ends (nil) the organisation's exemption from the quiet hours, audited.
    func setHoursExemption(orgId: Int64, reason: String?, now: Date) async throws
}
