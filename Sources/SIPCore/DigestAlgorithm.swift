import Crypto

/// A digest algorithm (RFC 7616 §6.1, RFC 8760): MD5 or SHA-256, each with its `-sess` variant.
public enum DigestAlgorithm: String, Equatable, Hashable, Sendable, CaseIterable {
    /// MD5 (RFC 2617), the default when a challenge names none.
    case md5 = "MD5"
    /// MD5 with the session key.
    case md5Session = "MD5-sess"
    /// SHA-256 (RFC 7616, RFC 8760).
    case sha256 = "SHA-256"
    /// SHA-256 with the session key.
    case sha256Session = "SHA-256-sess"

    /// The algorithm named in a challenge, compared without regard to case; nil when not supported.
    public init?(name: String) {
        let upper = name.uppercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.uppercased() == upper }) else { return nil }
        self = match
    }

    /// Whether HA1 is computed over the nonce and cnonce as well.
    public var isSession: Bool { self == .md5Session || self == .sha256Session }

    /// The lower-case hex digest of `text`'s UTF-8 bytes.
    public func hash(_ text: String) -> String { hash(Array(text.utf8)) }

    /// The lower-case hex digest of `bytes`.
    public func hash(_ bytes: [UInt8]) -> String {
        switch self {
        case .md5, .md5Session: Self.hex(Insecure.MD5.hash(data: bytes))
        case .sha256, .sha256Session: Self.hex(SHA256.hash(data: bytes))
        }
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
