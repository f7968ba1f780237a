/// Which addresses a webhook may be delivered to (SPEC §13, SSRF): public unicast only. Loopback, private, shared
/// (CGNAT), link-local (the cloud metadata address 169.254.169.254 among them), unspecified, multicast, reserved and
/// documentation ranges are refused, IPv4 or IPv6, and so is an IPv4 address wrapped in IPv6 (mapped, compatible,
/// NAT64) that would be refused itself.
public enum WebhookAddress {
    /// The bytes of an IP address literal: 4 for IPv4 (dotted quad), 16 for IPv6 (`::` and a trailing dotted quad
    /// allowed, brackets and a zone id not); nil for anything else.
    public static func parse(_ text: String) -> [UInt8]? {
        if let v4 = parseIPv4(Substring(text)) { return v4 }
        return parseIPv6(text)
    }

    /// Why the address is refused (the range's name), or nil for a public address.
    public static func refusal(_ bytes: [UInt8]) -> String? {
        if bytes.count == 4 { return refusalIPv4(bytes) }
        guard bytes.count == 16 else { return "not an IP address" }
        let head = Array(bytes[0..<12])
        let tail = Array(bytes[12..<16])
        if bytes == [UInt8](repeating: 0, count: 16) { return "the unspecified address" }
        if bytes == [UInt8](repeating: 0, count: 15) + [1] { return "loopback" }
        if head == [UInt8](repeating: 0, count: 10) + [0xff, 0xff] {
            return refusalIPv4(tail).map { "IPv4-mapped \($0)" }
        }
        if head == [UInt8](repeating: 0, count: 12) { return refusalIPv4(tail).map { "IPv4-compatible \($0)" } }
        if head == [0x00, 0x64, 0xff, 0x9b] + [UInt8](repeating: 0, count: 8) {
            return refusalIPv4(tail).map { "NAT64 \($0)" }
        }
        if bytes[0] & 0xfe == 0xfc { return "unique local (fc00::/7)" }
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return "link-local (fe80::/10)" }
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0xc0 { return "site-local (fec0::/10)" }
        if bytes[0] == 0xff { return "multicast (ff00::/8)" }
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8 {
            return "documentation (2001:db8::/32)"
        }
        if bytes[0] == 0x01 && bytes[1...7].allSatisfy({ $0 == 0 }) { return "discard-only (100::/64)" }
        return nil
    }

    /// The same for a literal; text that is no IP address is refused.
    public static func refusal(literal text: String) -> String? {
        guard let bytes = parse(text) else { return "not an IP address" }
        return refusal(bytes)
    }

    private static func refusalIPv4(_ b: [UInt8]) -> String? {
        switch (b[0], b[1]) {
        case (0, _): return "this network (0.0.0.0/8)"
        case (10, _): return "private (10.0.0.0/8)"
        case (100, 64...127): return "shared address space, CGNAT (100.64.0.0/10)"
        case (127, _): return "loopback (127.0.0.0/8)"
        case (169, 254):
            return b[2] == 169 && b[3] == 254 ? "cloud metadata (169.254.169.254)" : "link-local (169.254.0.0/16)"
        case (172, 16...31): return "private (172.16.0.0/12)"
        case (192, 0) where b[2] == 0: return "IETF protocol assignments (192.0.0.0/24)"
        case (192, 0) where b[2] == 2: return "documentation (192.0.2.0/24)"
        case (192, 168): return "private (192.168.0.0/16)"
        case (198, 18...19): return "benchmarking (198.18.0.0/15)"
        case (198, 51) where b[2] == 100: return "documentation (198.51.100.0/24)"
        case (203, 0) where b[2] == 113: return "documentation (203.0.113.0/24)"
        case (224...239, _): return "multicast (224.0.0.0/4)"
        case (240...255, _): return "reserved or broadcast (240.0.0.0/4)"
        default: return nil
        }
    }

    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                part.count == 1 || part.first != "0", let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowTail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if allowTail, index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseIPv4(piece) else { return nil }
                    bytes += v4
                    continue
                }
                guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit),
                    let value = UInt16(piece, radix: 16)
                else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xff)]
            }
            return bytes
        }
        if halves.count == 1 {
            guard let bytes = groups(halves[0], allowTail: true), bytes.count == 16 else { return nil }
            return bytes
        }
        guard let left = groups(halves[0], allowTail: false), let right = groups(halves[1], allowTail: true),
            left.count + right.count <= 14
        else { return nil }
        return left + [UInt8](repeating: 0, count: 16 - left.count - right.count) + right
    }
}
