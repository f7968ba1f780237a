import CampaignCore
import Foundation

/// The built-in callee: a statistical model from the settings' `simulator` block. Each call's fate is a pure function
/// of the seed and the call id, so runs are reproducible and a call whose worker died can be reconciled exactly (the
/// simulator always "knows" what happened). The engine runs it as an event source through ``ScriptedCallProvider``,
/// which hands out each call's events together at its end.
public struct SimulatorProvider: CallScript {
    /// The callee model.
    public let model: SimulatorSettings
    /// The run's seed.
    public let seed: UInt64
    /// Whether machines get the agent's voicemail message (longer calls).
    public let leavesVoicemail: Bool
    /// Share of human answers who hang up after at most one turn.
    public let earlyHangUpRate: Double

    /// Creates a simulator.
    public init(model: SimulatorSettings, seed: UInt64, leavesVoicemail: Bool = false, earlyHangUpRate: Double = 0.1) {
        self.model = model
        self.seed = seed
        self.leavesVoicemail = leavesVoicemail
        self.earlyHangUpRate = earlyHangUpRate
    }

    public var maximumCallDuration: TimeInterval {
        Double(model.ringSeconds.upperBound + max(model.talkSeconds.upperBound, 60)) + (leavesVoicemail ? 30 : 0)
    }

    public var ringTimeout: TimeInterval { Double(max(model.ringSeconds.upperBound, 4) + 1) }

    public func place(_ request: DialRequest) async throws -> CallResult { outcome(for: request) }

    public func reconcile(_ request: DialRequest) async -> CallResult? { outcome(for: request) }

    /// The deterministic result of a call.
    public func outcome(for request: DialRequest) -> CallResult {
        var random = SeededRandom(seed: seed, item: request.callId)
        let start = request.queuedAt
        let draw = random.unit()
        let ring = Double(random.integer(in: model.ringSeconds))
        var threshold = model.answerRate
        if draw < threshold { return humanAnswer(start: start, ring: ring, random: &random) }
        threshold += model.voicemailRate
        if draw < threshold {
            let answered = start.addingTimeInterval(ring)
            let talk = Double(random.integer(in: 5...20)) + (leavesVoicemail ? 25 : 0)
            return CallResult(
                startedAt: start, answeredAt: answered, endedAt: answered.addingTimeInterval(talk), outcome: .answered,
                answeredBy: .machine, turns: leavesVoicemail ? 1 : 0,
                disposition: StandardDisposition.voicemail.rawValue)
        }
        threshold += model.busyRate
        if draw < threshold {
            return CallResult(
                startedAt: start, answeredAt: nil,
                endedAt: start.addingTimeInterval(Double(random.integer(in: 1...4))), outcome: .busy)
        }
        threshold += model.failRate
        if draw < threshold {
            return CallResult(startedAt: start, answeredAt: nil, endedAt: start.addingTimeInterval(1), outcome: .failed)
        }
        return CallResult(
            startedAt: start, answeredAt: nil, endedAt: start.addingTimeInterval(ring), outcome: .noAnswer)
    }

    private func humanAnswer(start: Date, ring: Double, random: inout SeededRandom) -> CallResult {
        let answered = start.addingTimeInterval(ring)
        if random.unit() < earlyHangUpRate {
            let talk = Double(random.integer(in: 2...8))
            return CallResult(
                startedAt: start, answeredAt: answered, endedAt: answered.addingTimeInterval(talk),
                outcome: .answered, answeredBy: .human, turns: 1, disposition: nil)
        }
        let talk = random.integer(in: model.talkSeconds)
        let ended = answered.addingTimeInterval(Double(talk))
        let disposition = pickDisposition(&random)
        var callbackAt: Date?
        if disposition == StandardDisposition.callback.rawValue {
            callbackAt = ended.addingTimeInterval(Double(random.integer(in: 2...48)) * 3600)
        }
        return CallResult(
            startedAt: start, answeredAt: answered, endedAt: ended, outcome: .answered,
            answeredBy: .human, turns: 2 + talk / 15, disposition: disposition, callbackAt: callbackAt)
    }

    private func pickDisposition(_ random: inout SeededRandom) -> String? {
        let total = model.dispositions.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        var target = random.unit() * total
        for entry in model.dispositions {
            if target < entry.weight { return entry.name }
            target -= entry.weight
        }
        return model.dispositions.last?.name
    }
}
