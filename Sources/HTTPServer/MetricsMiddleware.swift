import Dispatch
import Hummingbird

/// Counts every request the router answers, by route template, method and status, and times it until its response
/// head is ready (a streamed body, such as an SSE feed, is not waited for). A request no route matches counts under
/// the route `unmatched`, so a scanner's random paths cannot grow the number of series.
struct MetricsMiddleware: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(
        _ request: Request, context: ServerRequestContext,
        next: (Request, ServerRequestContext) async throws -> Response
    ) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let status: Int
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            record(request, context: context, status: status, since: start)
            return response
        } catch {
            record(
                request, context: context, status: Int((error as? any HTTPResponseError)?.status.code ?? 500),
                since: start)
            throw error
        }
    }

    private func record(_ request: Request, context: ServerRequestContext, status: Int, since start: UInt64) {
        metrics.request(
            route: Self.template(context.endpointPath), method: request.method.rawValue, status: status,
            nanoseconds: DispatchTime.now().uptimeNanoseconds &- start)
    }

    /// The route's path template from the router's path (`/v1/campaigns/:id` → `/v1/campaigns/{id}`).
    static func template(_ endpointPath: String?) -> String {
        guard let endpointPath, endpointPath.hasPrefix("/") else { return "unmatched" }
        return endpointPath.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
    }
}
