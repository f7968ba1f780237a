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

    /// A response to `request` (RFC 3261 §8.2.6.2): its Via lines, From, To (with `toTag` added when it has no
    /// tag), Call-ID and CSeq, no body.
    public init(replyingTo request: SIPRequest, statusCode: Int, reason: String, toTag: String) {
        var headers = SIPHeaders()
        for via in request.headers.values("via") { headers.add("Via", via) }
        for name in ["From", "To", "Call-ID", "CSeq"] {
            guard var value = request.headers[name] else { continue }
            if name == "To", (try? request.headers.to().tag) == nil { value += ";tag=" + toTag }
            headers.add(name, value)
        }
        self.init(statusCode: statusCode, reason: reason, headers: headers)
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
