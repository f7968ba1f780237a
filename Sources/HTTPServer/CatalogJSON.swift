import CampaignCore
import Foundation
import OutboundApp

/// The catalog's request fields and the JSON of its objects. A field of the wrong type answers 422 naming it.
enum CatalogJSON {
    static func wrongType(_ key: String, _ expected: String, _ value: JSONValue) -> Problem {
        Problem(
            .unprocessableContent, "\(key): expected \(expected), found \(value.typeName)",
            errors: [FieldProblem(field: key, detail: "expected \(expected), found \(value.typeName)")])
    }

    static func missing(_ key: String) -> Problem {
        Problem(.unprocessableContent, "\(key): is required", errors: [FieldProblem(field: key, detail: "is required")])
    }

    /// A string field; nil when absent (or null, when `nullable`).
    static func string(_ fields: [String: JSONValue], _ key: String, nullable: Bool = false) throws -> String? {
        switch fields[key] {
        case nil: return nil
        case .null? where nullable: return nil
        case .string(let text)?: return text
        case let other?: throw wrongType(key, nullable ? "a string or null" : "a string", other)
        }
    }

    /// A whole-number field; nil when absent (or null, when `nullable`).
    /// An object of strings (`{"NAME": "Ann"}`), empty when absent.
    static func strings(_ fields: [String: JSONValue], _ key: String) throws -> [String: String] {
        var strings: [String: String] = [:]
        switch fields[key] {
        case nil: break
        case .object(let values)?:
            for (name, value) in values {
                guard case .string(let text) = value else { throw wrongType("\(key).\(name)", "a string", value) }
                strings[name] = text
            }
        case let other?: throw wrongType(key, "an object of strings", other)
        }
        return strings
    }

    static func integer(_ fields: [String: JSONValue], _ key: String, nullable: Bool = false) throws -> Int? {
        switch fields[key] {
        case nil: return nil
        case .null? where nullable: return nil
        case .number(let number)?:
            guard let value = Int(exactly: number) else { throw wrongType(key, "a whole number", .number(number)) }
            return value
        case let other?: throw wrongType(key, "a whole number", other)
        }
    }

    /// A boolean field; nil when absent.
    static func bool(_ fields: [String: JSONValue], _ key: String) throws -> Bool? {
        switch fields[key] {
        case nil: return nil
        case .bool(let value)?: return value
        case let other?: throw wrongType(key, "a boolean", other)
        }
    }

    /// A non-negative decimal given as a JSON number or a decimal string, read exactly; nil when absent or null.
    static func amount(_ fields: [String: JSONValue], _ key: String) throws -> MicroAmount? {
        let text: String
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let value)?: text = value
        case .number(let number)? where number.isFinite: text = decimalText(number)
        case let other?: throw wrongType(key, "a decimal number", other)
        }
        guard let amount = MicroAmount(decimal: text) else {
            throw Problem(
                .unprocessableContent, "\(key): must be a decimal ≥ 0 with at most 6 places, got '\(text)'",
                errors: [FieldProblem(field: key, detail: "must be a decimal ≥ 0 with at most 6 places, got '\(text)'")]
            )
        }
        return amount
    }

    /// The shortest decimal text of a JSON number (`0.012`, never `1.2e-2`).
    static func decimalText(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.numberStyle = .decimal
        formatter.usesGroupingSeparator = false
        formatter.maximumFractionDigits = 12
        return formatter.string(from: NSNumber(value: number)) ?? "\(number)"
    }

    static func agent(_ agent: Agent) -> JSONValue {
        .object([
            "id": .number(Double(agent.id)), "name": .string(agent.profile.name),
            "greeting": .string(agent.profile.greeting), "prompt": .string(agent.profile.prompt),
            "voicemailMessage": .string(agent.profile.voicemailMessage), "callbacks": .bool(agent.profile.callbacks),
            "streamUrl": agent.streamUrl.map(JSONValue.string) ?? .null,
            "variables": .array(agent.variables.map(JSONValue.string)),
            "etag": .string(AgentCatalog.etag(agent)),
        ])
    }

    static func carrier(_ carrier: Carrier) -> JSONValue {
        let settings = carrier.settings
        return .object([
            "id": .number(Double(carrier.id)), "name": .string(settings.name), "kind": .string(settings.kind.rawValue),
            "address": .string(settings.address), "username": .string(settings.username),
            "hasPassword": .bool(carrier.hasPassword), "cps": settings.cps.map { .number(Double($0)) } ?? .null,
            "ringTimeoutSeconds": .number(Double(settings.ringTimeoutSeconds)),
            "ratePerMinute": settings.ratePerMinute.map { .number(Double($0.description) ?? 0) } ?? .null,
            "billingIncrementSeconds": .number(Double(settings.billingIncrementSeconds)),
        ])
    }

    static func number(_ number: OwnedNumber) -> JSONValue {
        .object([
            "id": .number(Double(number.id)), "e164": .string(number.e164), "label": .string(number.label),
            "carrierId": number.carrierId.map { .number(Double($0)) } ?? .null, "outbound": .bool(number.outbound),
        ])
    }

    static func optOut(_ optOut: OptOut) -> JSONValue {
        .object([
            "id": .string(optOut.e164), "number": .string(optOut.e164), "source": .string(optOut.source),
            "createdAt": .string(ISOTime.format(optOut.createdAt)),
        ])
    }

    static func report(_ report: OptOutImportReport) -> JSONValue {
        .object([
            "read": .number(Double(report.read)), "imported": .number(Double(report.imported)),
            "duplicates": .number(Double(report.duplicates)), "rejected": .number(Double(report.rejected)),
            "problems": .array(
                report.problems.map {
                    .object([
                        "line": .number(Double($0.line)), "column": .string($0.column), "reason": .string($0.reason),
                    ])
                }),
        ])
    }
}
