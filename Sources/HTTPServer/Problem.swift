import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// An RFC 9457 problem: what the API answers for every error, as `application/problem+json` with the offending
/// fields in `errors` (`[{"field", "detail"}]`, the dotted keys the CLI names).
public struct Problem: Error, Sendable, Equatable, HTTPResponseError {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// One sentence saying what is wrong.
    public var detail: String
    /// The offending fields.
    public var errors: [FieldProblem]
    /// Extra response headers (`WWW-Authenticate`).
    public var headers: HTTPFields

    /// Creates a problem.
    public init(
        _ status: HTTPResponse.Status, _ detail: String, errors: [FieldProblem] = [], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// A 400 about one request field.
    public static func badField(_ field: String, _ detail: String) -> Problem {
        Problem(.badRequest, "\(field): \(detail)", errors: [FieldProblem(field: field, detail: detail)])
    }

    /// The problem's JSON document.
    public var document: JSONValue {
        .object([
            "type": .string("about:blank"),
            "title": .string(status.reasonPhrase),
            "status": .number(Double(status.code)),
            "detail": .string(detail),
            "errors": .array(
                errors.map { .object(["field": .string($0.field), "detail": .string($0.detail)]) }),
        ])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: JSONBody.buffer(document)))
    }
}
