import CampaignCore
import Foundation

/// What an endpoint answered.
public struct WebhookAnswer: Sendable, Equatable {
    /// The HTTP status; nil when no answer came.
    public var statusCode: Int?
    /// The first 1 KiB of the body.
    public var body: String
    /// What went wrong (a connection error, the timeout), nil when an answer came.
    public var error: String?

    /// Creates an answer.
    public init(statusCode: Int?, body: String = "", error: String? = nil) {
        self.statusCode = statusCode
        self.body = body
        self.error = error
    }
}

/// Sends one webhook request: a POST of `body` with `headers` to `url`, connecting to `address` (the resolved and
/// checked address of the URL's host) and following no redirect; gives up after `timeout`.
public protocol WebhookTransport: Sendable {
    /// Posts and returns what came back (never throws: a failure is an answer without a status).
    func post(
        url: WebhookURL, address: String, headers: [(String, String)], body: [UInt8], timeout: Duration
    ) async
        -> WebhookAnswer
    /// Closes its connections.
    func shutdown() async
}

/// Resolves a host name to its addresses.
public protocol WebhookResolver: Sendable {
    /// The addresses of `host` (IPv4 and IPv6 literals), or an error naming the failure.
    func addresses(of host: String) async throws -> [String]
}

/// The system resolver (`getaddrinfo`), on a Dispatch thread.
public struct SystemWebhookResolver: WebhookResolver {
    /// Creates it.
    public init() {}

    public func addresses(of host: String) async throws -> [String] {
        if WebhookAddress.parse(host) != nil { return [host] }
        // getaddrinfo blocks (up to the resolver's timeout): on a Dispatch thread, never on the cooperative pool.
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try Self.lookup(host) }) }
        }
    }

    static func lookup(_ host: String) throws -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            throw WebhookDeliveryError("could not resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(first) }
        var found: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(
                entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0,
                NI_NUMERICHOST) == 0
            {
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !found.contains(text) { found.append(text) }
            }
            cursor = entry.pointee.ai_next
        }
        guard !found.isEmpty else { throw WebhookDeliveryError("\(host) has no address") }
        return found
    }
}

/// A delivery that could not be made, in words for the delivery log.
public struct WebhookDeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
