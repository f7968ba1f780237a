import CampaignCore
import MediaCore

/// Decides who answered a call (SPEC §12: `human` or `machine` from the first seconds of audio, `unknown` when it
/// cannot tell within its time): the seam where machine detection plugs into the `sip` provider. One
/// ``MachineDetection`` is begun per answered call, on the call's event loop.
public protocol MachineDetector: Sendable {
    /// Begins detection for a call answered at `at`.
    func begin(at: MediaInstant) -> any MachineDetection
}

/// One call's detection, fed the callee's audio until it decides.
public protocol MachineDetection {
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
public struct UndecidedMachineDetector: MachineDetector {
    /// A detector.
    public init() {}

    public func begin(at: MediaInstant) -> any MachineDetection { Decided(decision: .unknown) }

    /// A detection decided from the start.
    public struct Decided: MachineDetection {
        public let decision: AnsweredBy?
        /// A detection that decided `decision`.
        public init(decision: AnsweredBy) { self.decision = decision }
        public var deadline: MediaInstant? { nil }
        public mutating func listen(_ audio: [UInt8], at: MediaInstant) {}
        public mutating func timeUp(at: MediaInstant) {}
    }
}
