import Foundation

/// A subscription's endpoint, checked (SPEC §13): `https` with a host, no credentials or fragment, at most 2,048
/// characters; a host that is an IP literal must be public (``WebhookAddress``), and `localhost` names are refused.
/// With `allowPrivate` (`serve --allow-private-webhooks`, for development and tests) plain `http` and private
/// addresses pass. A host name is checked again after resolution, when delivering.
public struct WebhookURL: Sendable, Equatable {
    /// The URL as given.
    public var text: String
    /// `https` or `http`.
    public var scheme: String
    /// The host (an IPv6 literal without its brackets).
    public var host: String
    /// The port (443 or 80 when not given).
    public var port: Int

    /// Checks `text`; the error says what is wrong.
    public static func check(_ text: String, allowPrivate: Bool) -> Result<WebhookURL, WebhookURLError> {
        guard !text.isEmpty else { return .failure(.init("is required")) }
        guard text.count <= 2048 else { return .failure(.init("is longer than 2,048 characters")) }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return .failure(.init("is not a URL"))
        }
        guard scheme == "https" || (allowPrivate && scheme == "http") else {
            return .failure(
                .init(
                    scheme == "http"
                        ? "must use https (plain http only on a server started with --allow-private-webhooks)"
                        : "must be an https URL"))
        }
        guard components.user == nil, components.password == nil else {
            return .failure(.init("must not carry credentials"))
        }
        guard components.fragment == nil else { return .failure(.init("must not have a fragment")) }
        guard var host = components.host?.lowercased(), !host.isEmpty else { return .failure(.init("has no host")) }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65535).contains(port) else { return .failure(.init("has no valid port")) }
        if !allowPrivate {
            if host == "localhost" || host.hasSuffix(".localhost") {
                return .failure(.init("points at this machine (localhost)"))
            }
            if let bytes = WebhookAddress.parse(host), let refused = WebhookAddress.refusal(bytes) {
                return .failure(.init("points at a \(refused) address, not a public one"))
            }
        }
        return .success(WebhookURL(text: text, scheme: scheme, host: host, port: port))
    }

    /// Whether the host is an IP literal (nothing to resolve).
    public var hostIsAddress: Bool { WebhookAddress.parse(host) != nil }
}

/// Why a webhook URL is refused.
public struct WebhookURLError: Error, Equatable, Sendable {
    /// What is wrong, to follow the field's name (`url: …`).
    public var detail: String

    /// Creates an error.
    public init(_ detail: String) { self.detail = detail }
}
