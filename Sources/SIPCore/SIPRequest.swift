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
