import CampaignStore
import Foundation

/// The opaque `cursor` of a list: the keyset position after the last item of a page, as base64url text, so that
/// any page costs what the first one costs.
enum PageCursor {
    /// The cursor that continues after `numbers` (kind-tagged, so a cursor of one list is refused by another).
    static func encode(_ kind: String, _ numbers: [Int64]) -> String {
        let text = ([kind] + numbers.map(String.init)).joined(separator: ".")
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The numbers of a `kind` cursor with `count` numbers; nil when no cursor was given.
    static func decode(_ text: String?, kind: String, count: Int) throws -> [Int64]? {
        guard let text, !text.isEmpty else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 200, let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8)
        else { throw Problem.badField("cursor", "is not a cursor this list gave out") }
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        let numbers = parts.dropFirst().compactMap { Int64($0) }
        guard parts.first == Substring(kind), parts.count == count + 1, numbers.count == count else {
            throw Problem.badField("cursor", "is not a cursor this list gave out")
        }
        return numbers
    }

    static func campaigns(_ text: String?) throws -> Int64? { try decode(text, kind: "c", count: 1)?.first }

    static func leads(_ text: String?) throws -> LeadPageKey? {
        try decode(text, kind: "l", count: 2).map { LeadPageKey(seq: $0[0], id: $0[1]) }
    }

    static func calls(_ text: String?) throws -> CallPageKey? {
        try decode(text, kind: "k", count: 2).map { CallPageKey(queuedAtMillis: $0[0], id: $0[1]) }
    }
}
