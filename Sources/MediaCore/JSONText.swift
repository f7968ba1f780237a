import Foundation

/// JSON text in and out through `JSONSerialization`, with sorted keys so that what goes on the wire is
/// reproducible.
enum JSONText {
    static func encode(_ object: [String: Any]) -> String {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeObject(_ text: String) throws(MediaError) -> [String: Any] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
        } catch {
            throw .notJSON("not valid JSON")
        }
        guard let object = value as? [String: Any] else { throw .notJSON("not a JSON object") }
        return object
    }
}
