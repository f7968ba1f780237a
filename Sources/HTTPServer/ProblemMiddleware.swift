import CampaignCore
import CampaignStore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OutboundApp

/// Turns every error a route throws into problem+json: the application's refusals by kind, the router's own errors
/// (no such route, a body too large) by status, and anything else as a 500 that names no internals. A path the table
/// serves with other methods answers 405 with `Allow`.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: [APIRoute]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            let allowed = Self.methods(serving: request.uri.path, in: routes)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else {
                return try Self.problem(for: error).response(from: request, context: context)
            }
            let list = allowed.joined(separator: ", ")
            return try Problem(
                .methodNotAllowed, "\(request.method.rawValue) is not served here; use \(list)", headers: [.allow: list]
            ).response(from: request, context: context)
        } catch {
            let problem = Self.problem(for: error)
            if problem.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(error)"])
            }
            return try problem.response(from: request, context: context)
        }
    }

    /// The methods the table serves `path` with, sorted. As in the router, a literal segment wins over a parameter:
    /// `/v1/campaigns/validate` is served by its own route, never as the campaign `{id}` "validate".
    static func methods(serving path: String, in routes: [APIRoute]) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        var best: [Bool] = []
        var methods: Set<String> = []
        for route in routes {
            let template = route.path.split(separator: "/", omittingEmptySubsequences: false)
            guard template.count == parts.count,
                zip(template, parts).allSatisfy({ $0 == $1 || ($0.hasPrefix("{") && !$1.isEmpty) })
            else { continue }
            let literal = template.map { !$0.hasPrefix("{") }
            if literal.lexicographicallyPrecedes(best, by: { !$0 && $1 }) { continue }
            if literal != best {
                best = literal
                methods = []
            }
            methods.insert(route.method.rawValue)
        }
        return methods.sorted()
    }

    /// The problem an error is answered with.
    static func problem(for error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let failure as ServerFailure:
            return problem(for: failure)
        case let error as LifecycleError:
            return Problem(.conflict, error.description)
        case let error as SettingsError:
            return Problem(
                .unprocessableContent, error.description, errors: [FieldProblem(field: error.key, detail: error.reason)]
            )
        case let error as StoreError:
            return problem(for: error)
        case let error as CatalogError:
            return problem(for: error)
        case let failure as AppFailure:
            return Problem(.badRequest, failure.message)
        case let error as HTTPError:
            let detail =
                error.status == .notFound ? "no such route" : error.body ?? error.status.reasonPhrase.lowercased()
            return Problem(error.status, detail)
        case is NIOTooManyBytesError:
            return Problem(.contentTooLarge, "the body is too large for this route")
        default:
            return Problem(.internalServerError, "the server could not answer this request")
        }
    }

    static func problem(for failure: ServerFailure) -> Problem {
        switch failure {
        case .notFound(let detail): Problem(.notFound, detail)
        case .malformed(let problems): Problem(.badRequest, failure.description, errors: problems)
        case .invalid(let problems): Problem(.unprocessableContent, failure.description, errors: problems)
        case .conflict(let detail): Problem(.conflict, detail)
        case .preconditionRequired(let detail): Problem(.preconditionRequired, detail)
        case .preconditionFailed(let detail): Problem(.preconditionFailed, detail)
        }
    }

    static func problem(for error: StoreError) -> Problem {
        switch error {
        case .campaignNotFound, .agentNotFound:
            Problem(.notFound, error.description)
        case .illegalTransition, .contactsLocked, .notEditable, .locked, .importInProgress:
            Problem(.conflict, error.description)
        case .changedSince:
            Problem(.preconditionFailed, error.description)
        case .unavailable, .database:
            Problem(.serviceUnavailable, "the database could not answer; try again")
        }
    }
}
