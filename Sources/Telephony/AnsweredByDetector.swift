import CampaignCore
import MediaCore

/// Decides who answered a call (SPEC §12: `human` or `machine` from the first seconds of audio, `unknown` when it
/// cannot tell within its time): the seam where machine detection plugs into the `sip` provider. One
/// ``AnsweredByDetection`` is begun per answered call, on the call's event loop.
public protocol AnsweredByDetector: Sendable {
    /// Begins detection for a call answered at `at`.
    func begin(at: MediaInstant) -> any AnsweredByDetection
}

/// One call's detection, fed the callee's audio until it decides.
public protocol AnsweredByDetection {
    /// The decision, once made.
    var decision: AnsweredBy? { get }
    /// When the detection must decide without more audio (nil: it has decided).
    var deadline: MediaInstant? { get }
    /// One 20 ms frame of the callee's μ-law audio.
    mutating func listen(_ audio: [UInt8], at: MediaInstant)
    /// The deadline passed: the detection decides now.
    mutating func timeUp(at: MediaInstant)
}

/// The detector used until real machine detection exists: decides `unknown` at once (treated as human, SPEC §12).
public struct UndecidedAnsweredByDetector: AnsweredByDetector {
    /// A detector.
    public init() {}

    public func begin(at: MediaInstant) -> any AnsweredByDetection { Decided(decision: .unknown) }

    /// A detection decided from the start.
    public struct Decided: AnsweredByDetection {
        public let decision: AnsweredBy?
        /// A detection that decided `decision`.
        public init(decision: AnsweredBy) { self.decision = decision }
        public var deadline: MediaInstant? { nil }
        public mutating func listen(_ audio: [UInt8], at: MediaInstant) {}
        public mutating func timeUp(at: MediaInstant) {}
    }
}
