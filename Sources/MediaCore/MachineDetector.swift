/// Answering-machine detection on the callee's first seconds of audio, as classic AMD does it: a person answers with
/// a short greeting and then waits for the caller; a machine talks on. Fed the callee's G.711 μ-law audio as it
/// arrives, it decides once (SPEC §12):
///
/// - **human** when a greeting of at most ``Settings/maximumGreeting`` is followed by ``Settings/silenceAfterGreeting``
///   of silence — at once, so the person hears the agent soon after their "Hello?";
/// - **machine** when the speech goes on past ``Settings/maximumGreeting`` without such a silence;
/// - **unknown** when neither has happened ``Settings/totalAnalysis`` after the answer (treated as human).
///
/// Speech is a 20 ms frame whose RMS is above a threshold that follows the line's noise floor (the quietest 100 ms
/// heard so far, times ``Settings/floorFactor``, never below ``Settings/minimumThreshold``), in runs of at least
/// ``Settings/minimumWord``. The settings were tuned on the generated set of `scripts/amd_corpus.py` (its `tune`
/// split); docs/telephony.md reports the confusion matrix on the held-out split.
public struct MachineDetector: Sendable {
    /// The detector's thresholds; durations in milliseconds.
    public struct Settings: Sendable, Equatable {
        /// Lowest RMS (16-bit linear) that counts as speech.
        public var minimumThreshold: Double = 300
        /// How far above the noise floor speech must be.
        public var floorFactor: Double = 2.0
        /// Longest greeting a person gives before waiting.
        public var maximumGreeting = 2_200
        /// The silence after a greeting that makes it a person's.
        public var silenceAfterGreeting = 700
        /// When the detector gives up (`unknown`).
        public var totalAnalysis = 4_000
        /// The shortest run of speech frames that counts as a word.
        public var minimumWord = 100

        /// The tuned settings.
        public init() {}
    }

    /// What the callee is.
    public enum Verdict: String, Sendable, Equatable {
        case human, machine, unknown
    }

    /// A verdict and when it was reached, in milliseconds of audio from the answer.
    public struct Decision: Sendable, Equatable {
        /// The verdict.
        public var verdict: Verdict
        /// Milliseconds of the callee's audio heard when it was reached.
        public var afterMilliseconds: Int
    }

    /// Samples per 20 ms frame at 8 kHz.
    static let frameSamples = 160
    static let frameMilliseconds = 20

    private let settings: Settings
    private var pending: [UInt8] = []
    private var elapsed = 0
    private var recent: [Double] = []
    private var noiseFloor: Double?
    private var voicedRun = 0
    private var speechStart: Int?
    private var lastVoiced = 0
    /// The decision, once reached.
    public private(set) var decision: Decision?

    /// A detector with `settings`.
    public init(settings: Settings = Settings()) { self.settings = settings }

    /// Hears the next bytes of μ-law audio (any length; frames are cut at 20 ms) and returns the decision once
    /// reached (then always the same one).
    public mutating func hear(_ audio: some Sequence<UInt8>) -> Decision? {
        guard decision == nil else { return decision }
        pending.append(contentsOf: audio)
        var start = 0
        while decision == nil && pending.count - start >= Self.frameSamples {
            frame(pending[start..<start + Self.frameSamples])
            start += Self.frameSamples
        }
        pending.removeFirst(start)
        return decision
    }

    /// Says how long the line has been silent when no audio arrives (a carrier that sends no RTP in silence):
    /// `milliseconds` of silence are heard.
    public mutating func hearSilence(milliseconds: Int) -> Decision? {
        hear(repeatElement(MuLaw.encode(0), count: milliseconds * 8))
    }

    private mutating func frame(_ bytes: ArraySlice<UInt8>) {
        var sum = 0.0
        for byte in bytes {
            let sample = Double(MuLaw.decode(byte))
            sum += sample * sample
        }
        let rms = (sum / Double(bytes.count)).squareRoot()
        elapsed += Self.frameMilliseconds
        recent.append(rms)
        if recent.count > 5 { recent.removeFirst() }
        if recent.count == 5 {
            let window = recent.reduce(0, +) / 5
            noiseFloor = min(noiseFloor ?? window, window)
        }
        let threshold = max(settings.minimumThreshold, (noiseFloor ?? 0) * settings.floorFactor)
        if rms > threshold {
            voicedRun += Self.frameMilliseconds
            if voicedRun >= settings.minimumWord {
                if speechStart == nil { speechStart = elapsed - voicedRun }
                lastVoiced = elapsed
            }
        } else {
            voicedRun = 0
        }
        if let speechStart {
            if lastVoiced - speechStart > settings.maximumGreeting {
                decision = Decision(verdict: .machine, afterMilliseconds: elapsed)
            } else if elapsed - lastVoiced >= settings.silenceAfterGreeting {
                decision = Decision(verdict: .human, afterMilliseconds: elapsed)
            }
        }
        if decision == nil && elapsed >= settings.totalAnalysis {
            decision = Decision(verdict: .unknown, afterMilliseconds: elapsed)
        }
    }
}
