/// Skips eight bytes at a time over text that holds none of up to three given bytes (SWAR:
/// a byte of `word ^ repeated(target)` is zero exactly where `word` holds `target`).
enum ByteWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The offset of the first eight-byte word from `start` that holds `a`, `b` or `c`, or
    /// where fewer than eight bytes are left; the caller finds the exact byte from there.
    static func skip(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, whileNoneOf a: UInt8, _ b: UInt8, _ c: UInt8
    ) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let (maskA, maskB, maskC) = (ones &* UInt64(a), ones &* UInt64(b), ones &* UInt64(c))
        var index = start
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if hasZeroByte(word ^ maskA) || hasZeroByte(word ^ maskB) || hasZeroByte(word ^ maskC) { break }
            index += 8
        }
        return index
    }

    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highBits != 0
    }
}
