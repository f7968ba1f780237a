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

    /// Creates a reply.
    public init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The reply as a response.
    var response: Response { Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body)) }
}
