import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OutboundApp

/// Builds the router from the route table: every route is called through the same checks, in this order: unknown
/// query parameters (400), credentials (401), role (403), body media type (415) and size (413); then its handler.
public enum RouteDispatch {
    /// The router serving `routes` with `services`; every error becomes problem+json.
    public static func router(
        _ routes: [APIRoute], services: ServerServices
    ) -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: services.metrics))
        router.add(middleware: ProblemMiddleware(routes: routes))
        for route in routes {
            router.on(RouterPath(route.routerPath), method: route.method) { request, context in
                try await call(
                    route, request: request, parameters: context.parameters, services: services,
                    clientAddress: context.clientAddress)
            }
        }
        return router
    }

    static func call(
        _ route: APIRoute, request: Request, parameters: Parameters, services: ServerServices,
        clientAddress: String = "unknown"
    ) async throws -> Response {
        let known = Set(route.parameters.filter { $0.location == .query }.map(\.name))
        for (name, _) in request.uri.queryParameters where !known.contains(String(name)) {
            throw Problem.badField(String(name), "unknown query parameter")
        }
        var principal: AccessPrincipal?
        var session: SessionRecord?
        if case .role(let needed) = route.access {
            let found = try await RequestCredentials.authenticate(request, services: services)
            guard found.principal.role.allows(needed) else {
                throw Problem(
                    .forbidden,
                    "this role (\(found.principal.role.rawValue)) may not \(route.summary.lowercased())")
            }
            principal = found.principal
            session = found.session
        }
        if route.access == .callToken {
            try await AgentCallHandlers.authenticate(request, parameters: parameters, services: services)
        }
        var body: ByteBuffer?
        if let expected = route.requestBody {
            body = try await collect(request, expected: expected)
        }
        let call = RouteCall(
            request: request, parameters: parameters, principal: principal, body: body, services: services,
            session: session, clientAddress: clientAddress)
        return try await AuditContext.$actor.withValue(principal.map(\.auditActor) ?? .system) {
            guard route.acceptsIdempotencyKey, let principal else { return try await route.handler(call).response }
            return try await IdempotentReplies(store: services.store).reply(
                to: request, body: body, orgId: principal.orgId, now: Date()
            ) { try await route.handler(call) }.response
        }
    }

    /// The principal of the request's `Authorization: Bearer …` key.
    static func authenticate(_ request: Request, services: ServerServices) async throws -> AccessPrincipal {
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"outbound\""]
        guard let header = request.headers[.authorization] else {
            throw Problem(.unauthorized, "send an API key as 'Authorization: Bearer ob_…'", headers: challenge)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Problem(.unauthorized, "the Authorization header must be 'Bearer <API key>'", headers: challenge)
        }
        switch try await services.keys.check(String(parts[1]), now: Date()) {
        case .valid(let principal): return principal
        case .revoked: throw Problem(.unauthorized, "this API key was revoked", headers: challenge)
        case .unknown: throw Problem(.unauthorized, "this API key is not valid", headers: challenge)
        }
    }

    /// The body, checked for its media type and size before and while it is read.
    static func collect(_ request: Request, expected: APIRequestBody) async throws -> ByteBuffer? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > expected.limit {
            throw Problem(.contentTooLarge, "the body is \(length) bytes; this route takes at most \(expected.limit)")
        }
        if expected.streamed {
            try checkMediaType(request, expected: expected)
            return nil
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: expected.limit)
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "the body is larger than the \(expected.limit) bytes this route takes")
        }
        guard body.readableBytes > 0 else {
            if expected.required { throw Problem(.badRequest, "this route needs a \(expected.mediaType) body") }
            return nil
        }
        try checkMediaType(request, expected: expected)
        return body
    }

    /// Refuses a body whose `Content-Type` is not the route's (415).
    static func checkMediaType(_ request: Request, expected: APIRequestBody) throws {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard let mediaType, expected.mediaTypes.contains(mediaType) else {
            throw Problem(
                .unsupportedMediaType,
                "send the body as \(expected.mediaTypes.joined(separator: " or ")) (Content-Type was "
                    + "\(mediaType.map { "'\($0)'" } ?? "missing"))")
        }
    }
}
