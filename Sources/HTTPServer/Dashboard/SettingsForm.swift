import CampaignCore
import Foundation
import Hummingbird
import NIOCore

/// The wizard posted as a plain form (no JavaScript): its fields, named after the settings document's dotted keys,
/// turned into the settings document the API takes. Only the shape is decided here (which keys hold numbers, lists,
/// flags); every rule stays with the settings parser.
enum SettingsForm {
    static let numbers: Set<String> = [
        "agentId", "concurrency", "inboundReserve", "callsPerHour", "retry.maxAttempts", "retry.delayMinutes",
        "retry.stopAfterConnectSeconds", "retry.redialShortConnectSeconds",
    ]
    static let flags: Set<String> = ["callbackDetection", "stickyExclusion"]
    static let lists: Set<String> = ["numberPool", "window.days", "retry.on"]
    static let commaLists: Set<String> = ["customDispositions", "successDispositions"]
    static let optional: Set<String> = ["startAt"]
    static let ignored: Set<String> = ["csrf", "back", "etag", "contacts"]

    /// Every name and value of an `application/x-www-form-urlencoded` body, in order, repeated names kept.
    static func pairs(_ request: Request) async throws -> [(name: String, value: String)] {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: SignInPages.formLimit)
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "the form is larger than \(SignInPages.formLimit) bytes")
        }
        return String(buffer: body).split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// The settings document of the posted fields; `defaults` fill fields a browser does not send (disabled ones).
    static func document(_ pairs: [(name: String, value: String)], defaults: [String: JSONValue] = [:]) -> Data {
        var values: [String: JSONValue] = defaults
        for name in flags { values[name] = .bool(false) }
        for name in lists { values[name] = .array([]) }
        for (name, value) in pairs where !ignored.contains(name) {
            if lists.contains(name) {
                if case .array(let items)? = values[name] { values[name] = .array(items + [.string(value)]) }
            } else if flags.contains(name) {
                values[name] = .bool(true)
            } else if numbers.contains(name) {
                let text = value.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                values[name] = Double(text).map(JSONValue.number) ?? .string(text)
            } else if commaLists.contains(name) {
                values[name] = .array(
                    value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                        .map(JSONValue.string))
            } else if optional.contains(name) {
                let text = value.trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { values[name] = .string(text) }
            } else {
                values[name] = .string(value)
            }
        }
        var document: [String: JSONValue] = [:]
        for (key, value) in values { put(&document, path: key.split(separator: ".").map(String.init), value) }
        return JSONBody.data(.object(document))
    }

    static func put(_ object: inout [String: JSONValue], path: [String], _ value: JSONValue) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object[first] = value
            return
        }
        var inner: [String: JSONValue] = [:]
        if case .object(let existing)? = object[first] { inner = existing }
        put(&inner, path: Array(path.dropFirst()), value)
        object[first] = .object(inner)
    }
}
