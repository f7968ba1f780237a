import Crypto
import Foundation

/// SHA-256 digests as the server keeps them (request fingerprints of idempotency keys).
public enum ServerDigest {
    /// The SHA-256 of `data` in lowercase hex.
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
