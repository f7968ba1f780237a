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
    /// A body written as it is produced (a live feed) instead of `body`; never kept for idempotent replays.
    public var stream: StreamedBody?

    /// Creates a reply.
    public init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The reply as a response.
    var response: Response {
        guard let stream else {
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
        }
        return Response(status: status, headers: headers, body: ResponseBody(stream.write))
    }
}

/// A response body written piece by piece; replies that carry one compare by identity.
public final class StreamedBody: Sendable, Equatable {
    /// Writes the body.
    let write: @Sendable (inout any ResponseBodyWriter) async throws -> Void

    /// A body written by `write`.
    public init(_ write: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void) { self.write = write }

    public static func == (lhs: StreamedBody, rhs: StreamedBody) -> Bool { lhs === rhs }
}
