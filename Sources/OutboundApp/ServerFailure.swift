/// One offending field of a request, named by the dotted key the CLI uses (`retry.maxAttempts`, `window.days[2]`).
public struct FieldProblem: Sendable, Equatable {
    /// Dotted key path; empty for the document as a whole.
    public var field: String
    /// What is wrong with it.
    public var detail: String

    /// Creates a problem.
    public init(field: String, detail: String) {
        self.field = field
        self.detail = detail
    }
}

/// Why a server use case refused a request, in kinds the HTTP layer maps to status codes.
public enum ServerFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such object in the organisation (a foreign id is answered exactly like a missing one).
    case notFound(String)
    /// The request itself is malformed (not JSON, the wrong shape).
    case malformed([FieldProblem])
    /// The request is well-formed but its values are not acceptable.
    case invalid([FieldProblem])
    /// The object's state does not allow it (a lifecycle refusal, a locked setting).
    case conflict(String)
    /// An edit came without the `If-Match` precondition it needs.
    case preconditionRequired(String)
    /// An edit's `If-Match` names a version that is no longer current.
    case preconditionFailed(String)

    /// One line for logs and the problem's `detail`.
    public var description: String {
        switch self {
        case .notFound(let detail), .conflict(let detail), .preconditionRequired(let detail),
            .preconditionFailed(let detail):
            detail
        case .malformed(let problems), .invalid(let problems):
            problems.map { $0.field.isEmpty ? $0.detail : "\($0.field): \($0.detail)" }.joined(separator: "; ")
        }
    }
}
