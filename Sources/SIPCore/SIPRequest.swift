/// A SIP request: method, Request-URI, headers and body.
public struct SIPRequest: Equatable, Hashable, Sendable {
    /// The method.
    public var method: SIPMethod
    /// The Request-URI.
    public var uri: SIPURI
    /// The header lines; Content-Length is written from the body when serialised.
    public var headers: SIPHeaders
    /// The body bytes.
    public var body: [UInt8]

    /// A request.
    public init(method: SIPMethod, uri: SIPURI, headers: SIPHeaders = SIPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }

    /// The request as it goes on the wire, with a Content-Length equal to the body's size.
    public var bytes: [UInt8] {
        SIPSerializer.serialise(startLine: method.rawValue + " " + uri.description + " SIP/2.0", headers, body)
    }
}

/// A SIP response: status code, reason phrase, headers and body.
public struct SIPResponse: Equatable, Hashable, Sendable {
    /// The status code, 100–699.
    public var statusCode: Int
    /// The reason phrase (may be empty).
    public var reason: String
    /// The header lines; Content-Length is written from the body when serialised.
    public var headers: SIPHeaders
    /// The body bytes.
    public var body: [UInt8]

    /// A response.
    public init(statusCode: Int, reason: String, headers: SIPHeaders = SIPHeaders(), body: [UInt8] = []) {
        self.statusCode = statusCode
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 1xx.
    public var isProvisional: Bool { statusCode < 200 }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(statusCode) }

    /// The response as it goes on the wire, with a Content-Length equal to the body's size.
    public var bytes: [UInt8] {
        SIPSerializer.serialise(startLine: "SIP/2.0 \(statusCode) \(reason)", headers, body)
    }
}

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
