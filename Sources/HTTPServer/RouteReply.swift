import HTTPTypes
import Hummingbird

/// What a handler answers: a status, headers and a body held whole, so that a reply can be kept and replayed for a
/// retried request with the same `Idempotency-Key`.
public struct RouteReply: Sendable, Equatable {
    /// Status.
    public var status: HTTPResponse.Status
    /// Headers.
    public var headers: HTTPFields
    /// Body.
    public var body: ByteBuffer
    /// A body written as it is produced (an export) instead of `body`; such a reply is never kept for replay.
    public var stream: ResponseBody?

    /// Creates a reply.
    public init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer, stream: ResponseBody? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = stream
    }

    public static func == (lhs: RouteReply, rhs: RouteReply) -> Bool {
        lhs.status == rhs.status && lhs.headers == rhs.headers && lhs.body == rhs.body
            && (lhs.stream == nil) == (rhs.stream == nil)
    }

    /// The reply as a response.
    var response: Response {
        Response(status: status, headers: headers, body: stream ?? ResponseBody(byteBuffer: body))
    }
}
