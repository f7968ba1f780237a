import CampaignCore
import Foundation
import MediaCore
import Testing

@testable import Telephony

@Suite("The call's machine detection: MediaCore's detector on the call's clock")
struct ClassicAnsweredByDetectorTests {
    static func frame(tone: Bool, index: Int) -> [UInt8] {
        (0..<160).map { sample in
            let value = tone ? 6_000 * sin(2 * Double.pi * 400 * Double(index * 160 + sample) / 8000) : 0
            return MuLaw.encode(Int16(value))
        }
    }

    /// Feeds frames `toneFrames` of tone after `leadFrames` of silence, then silence, one per 20 ms, until decided.
    static func run(leadFrames: Int, toneFrames: Int, skipping: Range<Int> = 0..<0) -> (AnsweredBy?, Int) {
        let answered = MediaInstant(.seconds(100))
        var detection = ClassicAnsweredByDetector().begin(at: answered)
        for index in 0..<300 {
            let at = answered.advanced(by: .milliseconds(20 * (index + 1)))
            if let deadline = detection.deadline, at >= deadline {
                detection.timeUp(at: at)
                return (detection.decision, index)
            }
            guard !skipping.contains(index) else { continue }
            let tone = index >= leadFrames && index < leadFrames + toneFrames
            detection.listen(frame(tone: tone, index: index), at: at)
            if let decision = detection.decision { return (decision, index) }
        }
        return (detection.decision, 300)
    }

    @Test("a short hello then silence: human about 0.7 s after it ends; a long greeting: machine")
    func verdicts() {
        let hello = Self.run(leadFrames: 15, toneFrames: 30)
        #expect(hello.0 == .human && hello.1 < 15 + 30 + 40)
        #expect(Self.run(leadFrames: 10, toneFrames: 200).0 == .machine)
    }

    @Test("packets that never came count as silence: the same decision at the same moment")
    func missingPackets() {
        let whole = Self.run(leadFrames: 15, toneFrames: 30)
        let gappy = Self.run(leadFrames: 15, toneFrames: 30, skipping: 50..<70)
        #expect(gappy.0 == .human && gappy.1 == whole.1)
    }

    @Test("no audio at all: unknown once the deadline passes, never later than 4.1 s")
    func silentLine() {
        let answered = MediaInstant(.seconds(5))
        var detection = ClassicAnsweredByDetector().begin(at: answered)
        let deadline = try? #require(detection.deadline)
        #expect(deadline == answered.advanced(by: .milliseconds(4_100)))
        detection.timeUp(at: answered.advanced(by: .milliseconds(4_100)))
        #expect(detection.decision == .unknown && detection.deadline == nil)
    }
}
