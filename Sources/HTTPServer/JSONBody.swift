import CampaignCore
import Foundation
import Hummingbird
import OutboundApp

/// JSON responses: sorted keys, no escaped slashes (``JSONValue/jsonBytes``).
enum JSONBody {
    static func data(_ value: JSONValue) -> Data { Data(value.jsonBytes) }

    static func buffer(_ value: JSONValue) -> ByteBuffer { ByteBuffer(bytes: value.jsonBytes) }

    /// A JSON response.
    static func response(
        _ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> RouteReply {
        var fields = headers
        fields[.contentType] = "application/json"
        return RouteReply(status: status, headers: fields, body: buffer(value))
    }
}

extension JSONBody {
    /// Reads a JSON request body that must be an object with only `allowed` keys; an empty body is an empty object.
    static func object(_ body: ByteBuffer?, allowed: Set<String>) throws -> [String: JSONValue] {
        guard let body, body.readableBytes > 0 else { return [:] }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView))
        } catch {
            throw Problem(
                .badRequest, "the body is not valid JSON", errors: [FieldProblem(field: "", detail: "not valid JSON")])
        }
        guard case .object(let fields) = value else {
            throw Problem(
                .badRequest, "the body must be a JSON object",
                errors: [FieldProblem(field: "", detail: "expected an object, found \(value.typeName)")])
        }
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Problem(
                .badRequest, "\(unknown): unknown field",
                errors: [FieldProblem(field: unknown, detail: "unknown field")])
        }
        return fields
    }

    /// A boolean field of a body object, or nil when absent.
    static func bool(_ fields: [String: JSONValue], _ key: String) throws -> Bool? {
        switch fields[key] {
        case nil: return nil
        case .bool(let value)?: return value
        case let other?: throw Problem.badField(key, "expected a boolean, found \(other.typeName)")
        }
    }
}
