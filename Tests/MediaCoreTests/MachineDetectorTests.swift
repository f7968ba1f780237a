import Foundation
import Testing

@testable import MediaCore

@Suite("Machine detection: a short greeting then silence is a person; speech that goes on is a machine")
struct MachineDetectorTests {
    /// μ-law audio: silence, or a 400 Hz tone of `amplitude`, with seeded noise of `noise` peak added.
    static func audio(
        _ pieces: [(milliseconds: Int, amplitude: Double)], noise: Double = 0, seed: UInt64 = 1
    ) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var bytes: [UInt8] = []
        var sampleIndex = 0
        for piece in pieces {
            for _ in 0..<(piece.milliseconds * 8) {
                let tone = piece.amplitude * sin(2 * Double.pi * 400 * Double(sampleIndex) / 8000)
                let hiss = noise == 0 ? 0 : (Double(generator.next() % 20_001) / 10_000 - 1) * noise
                bytes.append(MuLaw.encode(Int16(max(-32_000, min(32_000, tone + hiss)))))
                sampleIndex += 1
            }
        }
        return bytes
    }

    static func decide(_ bytes: [UInt8], chunk: Int = 160) -> MachineDetector.Decision? {
        var detector = MachineDetector()
        var index = 0
        while index < bytes.count {
            if let decision = detector.hear(bytes[index..<min(index + chunk, bytes.count)]) { return decision }
            index += chunk
        }
        return detector.decision
    }

    @Test("hello then silence: human at once, 700 ms after the greeting ends, whatever the packet size")
    func shortGreeting() {
        let hello = Self.audio([(300, 0), (600, 6_000), (3_000, 0)])
        for chunk in [80, 160, 333, 4_000] {
            #expect(Self.decide(hello, chunk: chunk) == .init(verdict: .human, afterMilliseconds: 1_600), "\(chunk)")
        }
    }

    @Test("speech going on past 2.2 s without a long pause is a machine; short pauses do not break it")
    func longGreeting() {
        let machine = Self.audio([(200, 0), (1_200, 5_000), (300, 0), (1_500, 5_000), (2_000, 0)])
        let decision = Self.decide(machine)
        #expect(decision?.verdict == .machine)
        #expect(decision.map { $0.afterMilliseconds <= 2_500 } == true)
    }

    @Test("silence, or a greeting still going at 4 s after a late start: unknown at 4 s")
    func nothingDecided() {
        #expect(Self.decide(Self.audio([(5_000, 0)])) == .init(verdict: .unknown, afterMilliseconds: 4_000))
        let lateAndLong = Self.audio([(2_500, 0), (1_200, 5_000), (400, 0), (1_000, 5_000)])
        #expect(Self.decide(lateAndLong)?.verdict == .unknown)
    }

    @Test("a noisy line: the threshold follows the noise floor, so the hiss is not speech")
    func noise() {
        let hello = Self.audio([(400, 0), (500, 9_000), (3_000, 0)], noise: 1_500)
        #expect(Self.decide(hello)?.verdict == .human)
        let machine = Self.audio([(400, 0), (3_000, 9_000), (600, 0)], noise: 1_500)
        #expect(Self.decide(machine)?.verdict == .machine)
    }

    @Test("a blip shorter than a word is not a greeting; silence reported without audio counts")
    func blipsAndSilence() {
        var detector = MachineDetector()
        _ = detector.hear(Self.audio([(200, 0), (60, 8_000)]))
        #expect(detector.hearSilence(milliseconds: 3_000) == nil, "a 60 ms click starts no greeting")
        #expect(detector.hearSilence(milliseconds: 800)?.verdict == .unknown)
    }
}
