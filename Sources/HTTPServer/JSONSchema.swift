import CampaignCore

/// A JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it), kept as its JSON value.
public struct JSONSchema: Sendable, Equatable {
    /// The schema document.
    public var value: JSONValue

    /// Wraps a schema document.
    public init(_ value: JSONValue) { self.value = value }

    /// A reference to a component schema.
    public static func ref(_ name: String) -> JSONSchema {
        JSONSchema(.object(["$ref": .string("#/components/schemas/\(name)")]))
    }

    /// A string, optionally one of `values` or of a `format`.
    public static func string(enum values: [String]? = nil, format: String? = nil, nullable: Bool = false) -> JSONSchema
    {
        var object: [String: JSONValue] = [
            "type": nullable ? .array([.string("string"), .string("null")]) : .string("string")
        ]
        if let values { object["enum"] = .array(values.map(JSONValue.string) + (nullable ? [.null] : [])) }
        if let format { object["format"] = .string(format) }
        return JSONSchema(.object(object))
    }

    /// An integer, optionally bounded.
    public static func integer(minimum: Int? = nil, maximum: Int? = nil, nullable: Bool = false) -> JSONSchema {
        var object: [String: JSONValue] = [
            "type": nullable ? .array([.string("integer"), .string("null")]) : .string("integer"),
            "format": .string("int64"),
        ]
        if let minimum { object["minimum"] = .number(Double(minimum)) }
        if let maximum { object["maximum"] = .number(Double(maximum)) }
        return JSONSchema(.object(object))
    }

    /// A number.
    public static func number(nullable: Bool = false) -> JSONSchema {
        JSONSchema(.object(["type": nullable ? .array([.string("number"), .string("null")]) : .string("number")]))
    }

    /// A boolean.
    public static let boolean = JSONSchema(.object(["type": .string("boolean")]))

    /// An array of `items`.
    public static func array(_ items: JSONSchema) -> JSONSchema {
        JSONSchema(.object(["type": .string("array"), "items": items.value]))
    }

    /// An object with these properties, of which `required` must be present; no other property is allowed unless
    /// `open`.
    public static func object(
        _ properties: [String: JSONSchema], required: [String], open: Bool = false, description: String? = nil
    ) -> JSONSchema {
        var object: [String: JSONValue] = [
            "type": .string("object"),
            "properties": .object(properties.mapValues(\.value)),
            "required": .array(required.sorted().map(JSONValue.string)),
            "additionalProperties": .bool(open),
        ]
        if let description { object["description"] = .string(description) }
        return JSONSchema(.object(object))
    }

    /// An object whose values all follow `values`.
    public static func map(_ values: JSONSchema) -> JSONSchema {
        JSONSchema(.object(["type": .string("object"), "additionalProperties": values.value]))
    }

    /// Any text (a CSV body, say).
    public static let text = JSONSchema(.object(["type": .string("string")]))
}
