import Foundation

/// A reply kept for a request made with an `Idempotency-Key`.
public struct StoredReply: Sendable, Equatable {
    /// HTTP status.
    public var status: Int
    /// The headers worth replaying, as `name: value` lines.
    public var headers: String
    /// The body.
    public var body: String

    /// Creates a reply.
    public init(status: Int, headers: String, body: String) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What claiming an idempotency key found.
public enum IdempotencyClaim: Sendable, Equatable {
    /// The key is new (or its earlier use has expired): the request runs, then ``IdempotencyStore/finish`` keeps its
    /// reply or ``IdempotencyStore/release`` forgets the claim.
    case claimed
    /// A request with this key is still running.
    case inProgress
    /// The key was used for a different request.
    case mismatch
    /// The key's request has finished with this reply.
    case finished(StoredReply)
}

/// The organisation's idempotency keys (a retried create does nothing twice), kept for a day.
public protocol IdempotencyStore: Sendable {
    /// Claims `key` for the request whose fingerprint is `fingerprint`, unless the organisation used it since
    /// `expiredBefore`; a claim still running since before `abandonedBefore` (its process died) is taken over.
    func claimIdempotencyKey(
        orgId: Int64, key: String, fingerprint: String, now: Date, expiredBefore: Date, abandonedBefore: Date
    ) async throws -> IdempotencyClaim
    /// Keeps the reply of a claimed key.
    func finishIdempotencyKey(orgId: Int64, key: String, reply: StoredReply) async throws
    /// Forgets a claim whose request failed, so a retry runs it again.
    func releaseIdempotencyKey(orgId: Int64, key: String) async throws
}
