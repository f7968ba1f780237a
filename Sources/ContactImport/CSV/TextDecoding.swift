/// Validates UTF-8 incrementally, chunk by chunk, without decoding.
struct UTF8Validator: Sendable {
    private var needed = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private var consumed = 0
    /// Offset of the first byte that makes the input invalid, once one is seen.
    private(set) var failureOffset: Int?

    /// Whether everything consumed so far is valid and complete.
    var isComplete: Bool { failureOffset == nil && needed == 0 }

    /// Feeds the next bytes; returns `false` once the input is known to be invalid.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard failureOffset == nil else { return false }
        let count = bytes.count
        var index = 0
        while index < count {
            if needed == 0 {
                if let base = bytes.baseAddress {
                    while index + 8 <= count {
                        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                        if word & 0x8080_8080_8080_8080 != 0 { break }
                        index += 8
                    }
                }
                guard index < count else { break }
                let byte = bytes[index]
                index += 1
                if byte < 0x80 { continue }
                (lower, upper) = (0x80, 0xBF)
                switch byte {
                case 0xC2...0xDF: needed = 1
                case 0xE0: (needed, lower) = (2, 0xA0)
                case 0xE1...0xEC, 0xEE...0xEF: needed = 2
                case 0xED: (needed, upper) = (2, 0x9F)
                case 0xF0: (needed, lower) = (3, 0x90)
                case 0xF1...0xF3: needed = 3
                case 0xF4: (needed, upper) = (3, 0x8F)
                default:
                    failureOffset = consumed + index - 1
                    return false
                }
            } else {
                let byte = bytes[index]
                guard byte >= lower && byte <= upper else {
                    failureOffset = consumed + index
                    return false
                }
                (lower, upper) = (0x80, 0xBF)
                needed -= 1
                index += 1
            }
        }
        consumed += count
        return true
    }
}

/// Windows-1252 to UTF-8, with the full table for 0x80–0x9F.
enum Windows1252 {
    /// Unicode scalars for 0x80–0x9F; 0 marks the five bytes the code page leaves undefined.
    static let highControls: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    /// The offset of the first byte that Windows-1252 does not define, if any.
    static func firstUndefinedByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte >= 0x80 && byte <= 0x9F && highControls[Int(byte - 0x80)] == 0 { return index }
            index += 1
        }
        return nil
    }

    /// Appends the UTF-8 form of `bytes` to `output` at `offset`, returning the new end.
    /// `output` must have room for three bytes per input byte.
    static func transcode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], at offset: Int) -> Int {
        output.withUnsafeMutableBufferPointer { out in
            var end = offset
            for byte in bytes {
                if byte < 0x80 {
                    out[end] = byte
                    end += 1
                    continue
                }
                let scalar = byte >= 0xA0 ? UInt32(byte) : UInt32(highControls[Int(byte - 0x80)])
                if scalar < 0x800 {
                    out[end] = UInt8(0xC0 | (scalar >> 6))
                    out[end + 1] = UInt8(0x80 | (scalar & 0x3F))
                    end += 2
                } else {
                    out[end] = UInt8(0xE0 | (scalar >> 12))
                    out[end + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    out[end + 2] = UInt8(0x80 | (scalar & 0x3F))
                    end += 3
                }
            }
            return end
        }
    }
}
