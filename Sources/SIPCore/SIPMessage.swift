/// A request or a response.
public enum SIPMessage: Equatable, Hashable, Sendable {
    /// A request.
    case request(SIPRequest)
    /// A response.
    case response(SIPResponse)

    /// The header lines.
    public var headers: SIPHeaders {
        switch self {
        case .request(let request): request.headers
        case .response(let response): response.headers
        }
    }

    /// The body bytes.
    public var body: [UInt8] {
        switch self {
        case .request(let request): request.body
        case .response(let response): response.body
        }
    }

    /// The message as it goes on the wire.
    public var bytes: [UInt8] {
        switch self {
        case .request(let request): request.bytes
        case .response(let response): response.bytes
        }
    }
}

extension SIPMessage {
    /// The Call-ID, which says which call a datagram belongs to; nil when absent.
    public var callID: String? { headers["call-id"] }
}
