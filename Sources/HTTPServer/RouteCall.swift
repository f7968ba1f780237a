import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// One request as a handler sees it: its route's parameters, the checked principal, the collected body and the
/// services.
public struct RouteCall: Sendable {
    /// The request.
    public let request: Request
    /// Path parameters.
    public let parameters: Parameters
    /// Who it acts for; nil only on routes anyone may call.
    public let principal: AccessPrincipal?
    /// The body, collected up to the route's limit; nil when the route takes none.
    public let body: ByteBuffer?
    /// The services.
    public let services: ServerServices
    /// The session that authenticated the request; nil for an API key or no credentials.
    public var session: SessionRecord? = nil
    /// The client's address (the socket's peer), which sign-in failures are counted against.
    public var clientAddress: String = "unknown"

    /// The organisation every query is scoped to.
    public var orgId: Int64 {
        get throws {
            guard let principal else { throw Problem(.unauthorized, "this route needs an API key") }
            return principal.orgId
        }
    }

    /// A path id: a positive whole number, else the object is not found (an id of the wrong type names nothing).
    public func id(_ name: String = "id", of kind: String) throws -> Int64 {
        guard let text = parameters.get(name), let value = Int64(text), value > 0 else {
            throw Problem(.notFound, "\(kind) '\(parameters.get(name) ?? "")' not found")
        }
        return value
    }

    /// A query parameter's value (the last one when given twice).
    public func query(_ name: String) -> String? {
        request.uri.queryParameters.getAll(name).last
    }

    /// Every value of a repeated query parameter, in order.
    public func queries(_ name: String) -> [String] { request.uri.queryParameters.getAll(name) }

    /// The page size: `limit` from 1 to 500, 50 when absent.
    public func limit() throws -> Int {
        guard let text = query("limit") else { return 50 }
        guard let value = Int(text), (1...500).contains(value) else {
            throw Problem.badField("limit", "must be a whole number from 1 to 500, got '\(text)'")
        }
        return value
    }

    /// A header's value.
    public func header(_ name: HTTPField.Name) -> String? { request.headers[name] }
}
