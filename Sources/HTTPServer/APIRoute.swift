import CampaignCore
import CampaignStore
import HTTPTypes
import Hummingbird

/// Who may call a route: anyone, or a key whose role includes `role`.
public enum RouteAccess: Sendable, Equatable {
    /// No credentials needed.
    case anyone
    /// An API key with at least this role.
    case role(AccessRole)
    /// The per-call token an agent was given for one call (`start.customParameters.token`), checked by the handler.
    case callToken
}

/// A path or query parameter of a route.
public struct APIParameter: Sendable, Equatable {
    /// Where it goes.
    public enum Location: String, Sendable { case path, query }
    /// Its name.
    public var name: String
    /// Path or query.
    public var location: Location
    /// What it means.
    public var description: String
    /// Its JSON Schema.
    public var schema: JSONSchema

    /// Creates a parameter.
    public init(_ name: String, in location: Location, _ description: String, schema: JSONSchema) {
        self.name = name
        self.location = location
        self.description = description
        self.schema = schema
    }
}

/// The body a route takes.
public struct APIRequestBody: Sendable, Equatable {
    /// Its media type (`application/json`, `text/csv`).
    public var mediaType: String
    /// Its schema.
    public var schema: JSONSchema
    /// Whether the body may be left out.
    public var required: Bool
    /// The most bytes accepted (413 above).
    public var limit: Int
    /// Whether the handler reads the body as it arrives (an upload spooled to disk) instead of getting it whole.
    public var streamed = false
    /// Other media types the route takes, with their schemas (a streamed route's handler tells them apart).
    public var alternatives: [String: JSONSchema] = [:]
    /// A valid body of the main media type, shown in the document (and sent by the tests that walk every route).
    public var example: JSONValue?

    /// Every media type the route takes.
    public var mediaTypes: [String] { [mediaType] + alternatives.keys.sorted() }
}

/// One response a route gives on success.
public struct APIResponse: Sendable, Equatable {
    /// Status code.
    public var status: Int
    /// What it means.
    public var description: String
    /// Its media type and schema; nil for an empty body.
    public var content: (mediaType: String, schema: JSONSchema)?
    /// Response headers it carries, by name, with their descriptions.
    public var headers: [String: String]

    /// Creates a response.
    public init(
        _ status: Int, _ description: String, content: (mediaType: String, schema: JSONSchema)? = nil,
        headers: [String: String] = [:]
    ) {
        self.status = status
        self.description = description
        self.content = content
        self.headers = headers
    }

    public static func == (lhs: APIResponse, rhs: APIResponse) -> Bool {
        lhs.status == rhs.status && lhs.description == rhs.description
            && lhs.content?.mediaType == rhs.content?.mediaType
            && lhs.content?.schema == rhs.content?.schema && lhs.headers == rhs.headers
    }
}

/// One route of the API: the router is built from a table of these, and so is `/openapi.json`, so the two cannot
/// drift.
public struct APIRoute: Sendable {
    /// HTTP method.
    public var method: HTTPRequest.Method
    /// Path with `{name}` parameters, e.g. `/v1/campaigns/{id}`.
    public var path: String
    /// The OpenAPI operation id.
    public var operationId: String
    /// One line saying what it does.
    public var summary: String
    /// Group name in the document.
    public var tag: String
    /// Who may call it.
    public var access: RouteAccess
    /// Path and query parameters; any other query parameter is refused.
    public var parameters: [APIParameter]
    /// Its body, if it takes one.
    public var requestBody: APIRequestBody?
    /// Its success responses (the error responses follow from the rest: see ``errorStatuses``).
    public var responses: [APIResponse]
    /// Request headers it requires (428 without them), by name, with what each means.
    public var headers: [(name: String, description: String)]
    /// The handler.
    public var handler: @Sendable (RouteCall) async throws -> RouteReply

    /// Creates a route.
    public init(
        _ method: HTTPRequest.Method, _ path: String, operationId: String, summary: String, tag: String,
        access: RouteAccess, parameters: [APIParameter] = [], requestBody: APIRequestBody? = nil,
        responses: [APIResponse], headers: [(name: String, description: String)] = [],
        handler: @escaping @Sendable (RouteCall) async throws -> RouteReply
    ) {
        self.method = method
        self.path = path
        self.operationId = operationId
        self.summary = summary
        self.tag = tag
        self.access = access
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
        self.headers = headers
        self.handler = handler
    }

    /// The error statuses the route can answer, all as problem+json: 400 for a bad query (every route refuses
    /// unknown query parameters), 401 and 403 when it needs a key (403 only when viewers may not call it), 404 when
    /// its path names an object, 413 and 415 for a body, and the ones its handler adds (`extraErrors`).
    public var errorStatuses: [Int] {
        var statuses: Set<Int> = [400]
        if case .role(let role) = access {
            statuses.insert(401)
            if role > .viewer { statuses.insert(403) }
        }
        if access == .callToken { statuses.insert(401) }
        if parameters.contains(where: { $0.location == .path }) { statuses.insert(404) }
        if requestBody != nil { statuses.formUnion([413, 415]) }
        if acceptsIdempotencyKey { statuses.formUnion([409, 422]) }
        statuses.formUnion(extraErrors)
        return statuses.sorted()
    }

    /// Whether the route honours `Idempotency-Key` (every authenticated POST and PUT, except those whose answer
    /// carries a secret shown once, which is never stored, not even as a reply kept for a retry).
    public var acceptsIdempotencyKey: Bool {
        (method == .post || method == .put) && access != .anyone && access != .callToken && !answersWithSecret
    }

    /// Whether the answer carries a secret shown once (a generated password, an API key).
    public var answersWithSecret = false

    /// Error statuses the handler itself can answer besides the common ones (409, 412, 422, 428).
    public var extraErrors: [Int] = []

    /// The path in the router's syntax (`/v1/campaigns/:id`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }.joined(separator: "/")
    }
}
