/// Who is acting on a use case: the audit log (SPEC §9) will record it with what was done; every catalog use case
/// takes it now so that the record has a place to come from.
public enum ActingPrincipal: Sendable, Equatable, CustomStringConvertible {
    /// An API key, by id.
    case apiKey(Int64)
    /// A signed-in user, by id.
    case user(Int64)
    /// Someone at the machine, through the `outbound` command.
    case commandLine

    /// `key 4`, `user 2`, `command line`.
    public var description: String {
        switch self {
        case .apiKey(let id): "key \(id)"
        case .user(let id): "user \(id)"
        case .commandLine: "command line"
        }
    }
}
