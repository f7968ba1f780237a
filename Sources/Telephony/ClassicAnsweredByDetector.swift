import CampaignCore
import MediaCore

/// Machine detection for real calls: MediaCore's ``MediaCore/MachineDetector`` fed the callee's audio from the
/// answer (docs/telephony.md). It decides `human` after a short greeting and a pause, `machine` when the greeting
/// goes on, and `unknown` at its 4 s limit; a line that sends no audio is heard as silence until then.
public struct ClassicAnsweredByDetector: AnsweredByDetector {
    private let settings: MachineDetector.Settings

    /// A detector with `settings` (the tuned ones by default).
    public init(settings: MachineDetector.Settings = MachineDetector.Settings()) { self.settings = settings }

    public func begin(at: MediaInstant) -> any AnsweredByDetection {
        Detection(detector: MachineDetector(settings: settings), answeredAt: at, limit: settings.totalAnalysis)
    }

    struct Detection: AnsweredByDetection {
        var detector: MachineDetector
        let answeredAt: MediaInstant
        let limit: Int
        /// Milliseconds of audio heard (or silence supplied) since the answer.
        var heard = 0

        var decision: AnsweredBy? {
            detector.decision.map { decision in
                switch decision.verdict {
                case .human: .human
                case .machine: .machine
                case .unknown: .unknown
                }
            }
        }

        var deadline: MediaInstant? {
            decision == nil ? answeredAt.advanced(by: .milliseconds(limit + 100)) : nil
        }

        mutating func listen(_ audio: [UInt8], at: MediaInstant) {
            fillSilence(upTo: at, before: audio.count / 8)
            _ = detector.hear(audio)
            heard += audio.count / 8
        }

        mutating func timeUp(at: MediaInstant) {
            fillSilence(upTo: at, before: 0)
            if detector.decision == nil { _ = detector.hearSilence(milliseconds: limit) }
        }

        /// Lost or missing packets are heard as silence, so the detector's time follows the call's.
        private mutating func fillSilence(upTo at: MediaInstant, before incoming: Int) {
            let elapsed =
                Int(at.duration(since: answeredAt).components.seconds * 1000)
                + Int(at.duration(since: answeredAt).components.attoseconds / 1_000_000_000_000_000)
            let missing = elapsed - incoming - heard
            if missing >= 20 {
                _ = detector.hearSilence(milliseconds: missing)
                heard += missing
            }
        }
    }
}
