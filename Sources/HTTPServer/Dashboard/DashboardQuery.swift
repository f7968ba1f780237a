import Foundation
import Hummingbird

/// The query parameters of a dashboard page as a browser's GET form sends them (`application/x-www-form-urlencoded`:
/// a space as `+`, a `+` as `%2B`), which the router's own decoding leaves with `+` for spaces.
enum DashboardQuery {
    /// The first value of `name` in the request's query, decoded as a form field; nil when absent.
    static func value(_ request: Request, _ name: String) -> String? {
        guard let query = request.uri.query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard decode(parts[0]) == name else { continue }
            return parts.count > 1 ? decode(parts[1]) : ""
        }
        return nil
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
