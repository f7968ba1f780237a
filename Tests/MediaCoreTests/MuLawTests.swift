import MediaCore
import Testing

@Suite("G.711 μ-law follows the ITU-T tables")
struct MuLawTests {
    @Test func knownValues() {
        #expect(MuLaw.decode(0xFF) == 0)
        #expect(MuLaw.decode(0x7F) == 0)
        #expect(MuLaw.decode(0x80) == 32_124)
        #expect(MuLaw.decode(0x00) == -32_124)
        #expect(MuLaw.decode(0xFE) == 8)
        #expect(MuLaw.decode(0x7E) == -8)
        #expect(MuLaw.decode(0xEF) == 132)
        #expect(MuLaw.decode(0xF0) == 120)
        #expect(MuLaw.decode(0x8F) == 16_764)
        #expect(MuLaw.decode(0x90) == 15_996)
        #expect(MuLaw.decode(0x0F) == -16_764)
        #expect(MuLaw.decode(0x81) == 31_100)
        #expect(MuLaw.encode(0) == 0xFF)
        #expect(MuLaw.encode(-1) == 0x7F)
        #expect(MuLaw.encode(Int16.max) == 0x80)
        #expect(MuLaw.encode(Int16.min) == 0x00)
        #expect(MuLaw.encode(32_124) == 0x80)
        #expect(MuLaw.encode(-32_124) == 0x00)
    }

    @Test func everyByteSurvivesDecodeThenEncode() {
        for byte in UInt8.min...UInt8.max {
            let expected: UInt8 = byte == 0x7F ? 0xFF : byte
            #expect(MuLaw.encode(MuLaw.decode(byte)) == expected, "byte \(byte)")
        }
    }

    @Test func decodedValuesAreOddSymmetricAndMonotonic() {
        for byte in UInt8(0)...0x7F {
            #expect(MuLaw.decode(byte) == -MuLaw.decode(byte | 0x80))
        }
        let positives = (UInt8(0x80)...UInt8(0xFF)).map(MuLaw.decode)
        #expect(positives == positives.sorted(by: >))
    }

    @Test(arguments: 0..<7)
    func segmentBoundaries(_ segment: Int) {
        let ends = [0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF]
        let last = Int16(4 * (ends[segment] - 33) + 3)
        #expect(MuLaw.encode(last) == ~UInt8(segment << 4 | 0x0F))
        #expect(MuLaw.encode(last + 1) == ~UInt8((segment + 1) << 4))
        #expect(MuLaw.encode(-last - 1) == ~UInt8(0x80 | segment << 4 | 0x0F))
        #expect(MuLaw.encode(-last - 2) == ~UInt8(0x80 | (segment + 1) << 4))
    }

    @Test func quantisationErrorStaysWithinHalfAStep() {
        for sample in stride(from: -32_000, through: 32_000, by: 7) {
            let decoded = Int(MuLaw.decode(MuLaw.encode(Int16(sample))))
            let segment = Int(~MuLaw.encode(Int16(sample)) >> 4 & 0x07)
            #expect(abs(decoded - sample) <= 4 << segment, "sample \(sample)")
        }
    }
}
