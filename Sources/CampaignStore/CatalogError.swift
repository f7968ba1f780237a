/// What the catalog (agents, carriers, numbers, opt-outs) refuses, with the object and the field it was about.
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such object in the organisation (a foreign id is answered exactly like a missing one).
    case notFound(kind: String, id: String)
    /// The object is used by campaigns (or a carrier by numbers) and cannot be deleted; `users` names them.
    case inUse(kind: String, id: String, users: [String])
    /// A field's value clashes with another object (a name or number already taken).
    case taken(field: String, detail: String)
    /// A field's value is not acceptable.
    case invalid(field: String, detail: String)
    /// The object changed since the version an edit was based on.
    case changedSince(kind: String, id: String)

    /// One line for the operator.
    public var description: String {
        switch self {
        case .notFound(let kind, let id): "\(kind) \(id) not found"
        case .inUse(let kind, let id, let users):
            "\(kind) \(id) is in use by \(users.joined(separator: ", ")); it cannot be deleted while they use it"
        case .taken(let field, let detail), .invalid(let field, let detail): "\(field): \(detail)"
        case .changedSince(let kind, let id): "\(kind) \(id) changed since that version was read; read it again"
        }
    }
}
