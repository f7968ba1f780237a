/// Everything the store refuses, with the object it was about; driver errors never reach users.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No campaign with this id (in this organisation).
    case campaignNotFound(Int64)
    /// No agent with this id.
    case agentNotFound(Int64)
    /// A lifecycle request the state machine refuses.
    case illegalTransition(campaignId: Int64, reason: String)
    /// The campaign's contacts are locked (it has run).
    case contactsLocked(campaignId: Int64)
    /// The campaign cannot be edited in its current status.
    case notEditable(campaignId: Int64, status: String)
    /// A setting that may not change after the first run.
    case locked(campaignId: Int64, what: String)
    /// Another import into the campaign is running; one campaign takes one import at a time.
    case importInProgress(campaignId: Int64)
    /// The campaign changed since the version an edit was based on (its ETag no longer matches).
    case changedSince(campaignId: Int64)
    /// The database file or URL cannot be used.
    case unavailable(String)
    /// The database refused an operation; the text is safe to show.
    case database(String)

    /// One line for the operator.
    public var description: String {
        switch self {
        case .campaignNotFound(let id): "campaign \(id) not found"
        case .agentNotFound(let id): "agent \(id) not found"
        case .illegalTransition(let id, let reason): "campaign \(id): \(reason)"
        case .contactsLocked(let id):
            "campaign \(id) has run, so its contact list is locked; clone it to call a new list"
        case .notEditable(let id, let status): "campaign \(id) is \(status); edit it only while draft or paused"
        case .locked(let id, let what): "campaign \(id) has run, so its \(what) is locked; clone it instead"
        case .importInProgress(let id): "campaign \(id) is taking another import; try again when it has finished"
        case .changedSince(let id):
            "campaign \(id) changed since that version was read; read it again and reapply the edit"
        case .unavailable(let reason): "database unavailable: \(reason)"
        case .database(let reason): "database error: \(reason)"
        }
    }
}
