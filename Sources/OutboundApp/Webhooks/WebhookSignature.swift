import Crypto
import Foundation

/// Standard Webhooks signing: `webhook-signature` is `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed with
/// the base64 bytes after a secret's `whsec_` prefix; several signatures (during a secret's rotation) are separated
/// by spaces.
public enum WebhookSignature {
    /// A new secret: `whsec_` + base64 of 32 random bytes from `generator`.
    public static func newSecret(using generator: inout some RandomNumberGenerator) -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }

    /// The key bytes of a secret (the base64 after `whsec_`; the text itself when it is not base64).
    static func key(_ secret: String) -> SymmetricKey {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        return SymmetricKey(data: Data(base64Encoded: encoded) ?? Data(encoded.utf8))
    }

    /// One `v1,…` signature of `body` sent as message `id` at `timestamp` (Unix seconds).
    public static func sign(secret: String, id: String, timestamp: Int64, body: some DataProtocol) -> String {
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key(secret))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The `webhook-signature` header: one signature per secret, space separated.
    public static func header(secrets: [String], id: String, timestamp: Int64, body: some DataProtocol) -> String {
        secrets.map { sign(secret: $0, id: id, timestamp: timestamp, body: body) }.joined(separator: " ")
    }
}
