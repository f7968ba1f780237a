import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// `Idempotency-Key` on a POST or PUT: the first request with a key runs and its reply is kept for 24 hours; a retry
/// with the same key and the same request gets that reply again (with `Idempotent-Replayed: true`) and changes
/// nothing; the same key with a different request answers 422, and while the first one still runs, 409.
struct IdempotentReplies: Sendable {
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!
    /// Headers a kept reply replays.
    static let keptHeaders: [HTTPField.Name] = [.contentType, .eTag, .location]

    let store: any IdempotencyStore
    /// How long a reply is kept.
    var lifetime: TimeInterval = 86_400
    /// After how long a claim whose request never finished (its process died) may be taken over.
    var abandonedAfter: TimeInterval = 60

    /// Runs `body` once per key and request of the organisation; a request without the header just runs.
    func reply(
        to request: Request, body requestBody: ByteBuffer?, orgId: Int64, now: Date,
        _ body: () async throws -> RouteReply
    ) async throws -> RouteReply {
        guard let key = request.headers[Self.header] else { return try await body() }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Problem.badField("Idempotency-Key", "must be 1 to 255 visible ASCII characters")
        }
        var fingerprint = Data("\(request.method.rawValue) \(request.uri.path)?\(request.uri.query ?? "")\n".utf8)
        if let requestBody { fingerprint.append(contentsOf: requestBody.readableBytesView) }
        switch try await store.claimIdempotencyKey(
            orgId: orgId, key: key, fingerprint: ServerDigest.sha256Hex(fingerprint), now: now,
            expiredBefore: now.addingTimeInterval(-lifetime), abandonedBefore: now.addingTimeInterval(-abandonedAfter))
        {
        case .inProgress:
            throw Problem(.conflict, "a request with this Idempotency-Key is still running; retry it later")
        case .mismatch:
            throw Problem(
                .unprocessableContent, "this Idempotency-Key was used for a different request",
                errors: [FieldProblem(field: "Idempotency-Key", detail: "was used for a different request")])
        case .finished(let kept):
            return Self.replay(kept)
        case .claimed:
            let reply: RouteReply
            do {
                reply = try await body()
            } catch {
                try? await store.releaseIdempotencyKey(orgId: orgId, key: key)
                throw error
            }
            try await store.finishIdempotencyKey(orgId: orgId, key: key, reply: Self.kept(reply))
            return reply
        }
    }

    static func kept(_ reply: RouteReply) -> StoredReply {
        let headers = keptHeaders.compactMap { name in reply.headers[name].map { "\(name.rawName): \($0)" } }
        return StoredReply(
            status: reply.status.code, headers: headers.joined(separator: "\n"), body: String(buffer: reply.body))
    }

    static func replay(_ kept: StoredReply) -> RouteReply {
        var headers: HTTPFields = [replayed: "true"]
        for line in kept.headers.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let name = HTTPField.Name(String(parts[0])) else { continue }
            headers[name] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return RouteReply(
            status: HTTPResponse.Status(code: kept.status), headers: headers, body: ByteBuffer(string: kept.body))
    }
}
