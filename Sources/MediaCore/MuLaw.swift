/// ITU-T G.711 μ-law: 14-bit linear samples (carried in `Int16`, as most audio code holds them) to and from one
/// byte, with the segment (exponent) and mantissa layout and the bias of 0x84 the recommendation gives.
///
/// Decoding goes through a 256-entry table built once; encoding is the classic segment search. Every input is
/// valid: samples beyond ±32 635 clip to the outermost code, and every byte decodes. Negative samples are
/// taken in one's complement before the bias, as the ITU-T G.191 reference encoder does.
public enum MuLaw {
    /// The byte a digital silence encodes to (positive zero).
    public static let silence: UInt8 = 0xFF

    private static let bias = 0x84
    private static let clip = 32_635

    /// The 256 decoded values, indexed by the μ-law byte.
    public static let decodeTable: [Int16] = (0...255).map { decodeSlowly(UInt8($0)) }

    /// The linear sample a μ-law byte stands for.
    @inlinable
    public static func decode(_ byte: UInt8) -> Int16 { decodeTable[Int(byte)] }

    /// The μ-law byte nearest to a linear sample.
    public static func encode(_ sample: Int16) -> UInt8 {
        var magnitude = Int(sample)
        let sign: Int
        if magnitude < 0 {
            magnitude = ~magnitude
            sign = 0x80
        } else {
            sign = 0
        }
        magnitude = min(magnitude, clip) + bias
        var segment = 7
        while segment > 0 && magnitude & (0x4000 >> (7 - segment)) == 0 { segment -= 1 }
        let mantissa = (magnitude >> (segment + 3)) & 0x0F
        return ~UInt8(truncatingIfNeeded: sign | segment << 4 | mantissa)
    }

    /// Decodes a buffer of μ-law bytes.
    public static func decode(_ bytes: some Sequence<UInt8>) -> [Int16] { bytes.map { decodeTable[Int($0)] } }

    /// Encodes a buffer of linear samples.
    public static func encode(_ samples: some Sequence<Int16>) -> [UInt8] { samples.map { encode($0) } }

    private static func decodeSlowly(_ byte: UInt8) -> Int16 {
        let value = Int(~byte)
        let segment = (value >> 4) & 0x07
        let magnitude = (((value & 0x0F) << 3) + bias) << segment
        return Int16(value & 0x80 != 0 ? bias - magnitude : magnitude - bias)
    }
}
