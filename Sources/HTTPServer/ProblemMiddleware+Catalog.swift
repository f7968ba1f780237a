import CampaignStore
import OutboundApp

extension ProblemMiddleware {
    /// The catalog's refusals: missing objects 404, objects in use or names taken 409, bad fields 422 naming them,
    /// stale edits 412.
    static func problem(for error: CatalogError) -> Problem {
        switch error {
        case .notFound: Problem(.notFound, error.description)
        case .inUse: Problem(.conflict, error.description)
        case .taken(let field, let detail):
            Problem(.conflict, error.description, errors: [FieldProblem(field: field, detail: detail)])
        case .invalid(let field, let detail):
            Problem(.unprocessableContent, error.description, errors: [FieldProblem(field: field, detail: detail)])
        case .changedSince: Problem(.preconditionFailed, error.description)
        }
    }
}
