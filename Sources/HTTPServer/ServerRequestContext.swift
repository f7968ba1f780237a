import Hummingbird
import NIOCore

/// The context of every request: Hummingbird's core context and the socket's remote address (the client address
/// sign-in throttling counts against; `X-Forwarded-For` is not trusted).
public struct ServerRequestContext: RequestContext, RemoteAddressRequestContext {
    /// The core context.
    public var coreContext: CoreRequestContextStorage
    /// The peer of the connection; nil when there is none (the in-process test client).
    public let remoteAddress: SocketAddress?

    /// The context of a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client address sign-in failures are counted against: the peer's IP, or `unknown` without one.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
