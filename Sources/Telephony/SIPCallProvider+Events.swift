import CampaignCore
import Dialer
import Foundation
import MediaCore
import SIPCore

extension SIPCallProvider {
    /// Turns what a call's state machine reports into engine events and media steps (on the event loop). Media steps
    /// run after the state lock is let go: a media session may report back at once.
    func report(_ event: SIPCore.CallEvent, callID: String) {
        let at = now()
        var after: [() -> Void] = []
        state.withLock { state in
            guard var live = state.calls[callID] else { return }
            let request = live.request
            let media = live.media
            func emit(_ kind: Dialer.CallEvent.Kind, at stamp: Date = at) {
                state.events[request.campaignId, default: []].append(
                    Dialer.CallEvent(
                        callId: request.callId, campaignId: request.campaignId, providerCallId: callID, at: stamp,
                        kind: kind))
            }
            switch event {
            case .trying:
                break
            case .ringing, .earlyMedia:
                if case .earlyMedia(let description) = event {
                    after.append { media.answered(address: description.address, port: description.port) }
                }
                if live.ringingAt == nil {
                    live.ringingAt = at
                    emit(.ringing)
                }
            case .answered(let description):
                guard live.answeredAt == nil else { break }
                live.answeredAt = at
                after.append { media.answered(address: description.address, port: description.port) }
                if live.plan.agent == nil {
                    live.answerReported = true
                    emit(.answered(by: nil))
                    after.append { [self] in endCall(callID, cancelReason: .ringTimeout) }
                } else {
                    after.append { [detector] in media.beginDetection(with: detector) }
                }
            case .ended(let ending):
                guard live.result == nil else { break }
                let result = CallResult(
                    startedAt: live.startedAt, answeredAt: live.answeredAt, endedAt: at,
                    outcome: Self.outcome(ending.outcome), answeredBy: live.answeredBy)
                live.result = result
                live.durationTimer?.cancel()
                if live.answeredAt != nil, !live.answerReported {
                    live.answerReported = true
                    emit(.answered(by: live.answeredBy), at: live.answeredAt!)
                }
                let grace = min(live.plan.agent?.resultGrace ?? 0, endpoint.maximumResultGrace)
                let calleeHungUp = ending.hungUpBy == .remote
                after.append { [self] in
                    let awaits = media.mayReportResult
                    media.stop(calleeHungUp: calleeHungUp) { [ports] in ports.release(media.port) }
                    settle(request, providerCallId: callID, result: result, media: media, awaits: awaits, grace: grace)
                }
            }
            state.calls[callID] = live
        }
        for step in after { step() }
    }

    /// What the call's media reports: detection's decision (the answer is reported and the stream starts, or a
    /// machine is hung up on), the agent closing its socket or never opening it (the call is hung up).
    func mediaEvent(_ event: MediaSessionEvent, callID: String) {
        switch event {
        case .decided(let answeredBy):
            var start: (() -> Void)?
            var hangUp = false
            state.withLock { state in
                guard var live = state.calls[callID], live.result == nil, let answeredAt = live.answeredAt else {
                    return
                }
                live.answeredBy = answeredBy
                if !live.answerReported {
                    live.answerReported = true
                    let request = live.request
                    state.events[request.campaignId, default: []].append(
                        Dialer.CallEvent(
                            callId: request.callId, campaignId: request.campaignId, providerCallId: callID,
                            at: answeredAt, kind: .answered(by: answeredBy)))
                }
                state.calls[callID] = live
                guard let agent = live.plan.agent else { return }
                if answeredBy == .machine, agent.voicemailAction == .hangup {
                    hangUp = true
                    return
                }
                var parameters = agent.customParameters
                parameters["answeredBy"] = answeredBy.rawValue
                let stream = StreamStart(
                    streamSid: Self.streamSid(), callSid: callID, customParameters: parameters)
                let media = live.media
                start = { media.startStream(url: agent.streamURL, stream: stream) }
            }
            start?()
            if hangUp { endCall(callID, cancelReason: .ringTimeout) }
        case .agentClosed:
            endCall(callID, cancelReason: .ringTimeout)
        case .agentUnreachable(let reason):
            let callId = state.withLock { $0.calls[callID]?.request.callId }
            logger.warning(
                "the agent's stream URL did not connect; hanging up",
                metadata: ["call": "\(callId.map(String.init) ?? "?")", "reason": "\(reason)"])
            endCall(callID, cancelReason: .ringTimeout)
        }
    }

    /// Emits the call's `ended`: at once when no agent may report, else once the directory has the agent's result or
    /// the grace has passed (polled every ``resultPollInterval``), carrying the result.
    private func settle(
        _ request: DialRequest, providerCallId: String, result: CallResult, media: MediaSession, awaits: Bool,
        grace: TimeInterval
    ) {
        let statistics = media.statistics
        state.withLock { state in
            state.media[request.callId] = statistics
            if awaits {
                state.awaitingResult[request.callId] = Dialer.CallEvent(
                    callId: request.callId, campaignId: request.campaignId, providerCallId: providerCallId,
                    at: result.endedAt, kind: .ended(result))
            }
        }
        guard awaits else {
            finish(request, providerCallId: providerCallId, result: result)
            return
        }
        Task { [directory, resultPollInterval] in
            let deadline = ContinuousClock.now + Self.duration(grace)
            var final = result
            while true {
                if let reported = try? await directory.agentResult(callId: request.callId) {
                    final.disposition = reported.disposition
                    final.turns = reported.turns
                    final.callbackAt = reported.callbackAt
                    break
                }
                guard ContinuousClock.now < deadline else {
                    self.logger.info(
                        "no agent result within the grace", metadata: ["call": "\(request.callId)"])
                    break
                }
                try? await Task.sleep(for: min(resultPollInterval, deadline - ContinuousClock.now))
            }
            self.finish(request, providerCallId: providerCallId, result: final)
        }
    }

    private func finish(_ request: DialRequest, providerCallId: String, result: CallResult) {
        let at = now()
        state.withLock { state in
            // After a shutdown took the calls' ends, a late result goes nowhere.
            guard !state.shutDown else { return }
            state.awaitingResult[request.callId] = nil
            state.remember(result, callId: request.callId)
            state.events[request.campaignId, default: []].append(
                Dialer.CallEvent(
                    callId: request.callId, campaignId: request.campaignId, providerCallId: providerCallId,
                    at: max(at, result.endedAt), kind: .ended(result)))
        }
    }

    /// A Media Streams stream id: `MZ` and 32 hex digits, as Twilio's.
    static func streamSid() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = String(generator.next() as UInt64, radix: 16)
        let low = String(generator.next() as UInt64, radix: 16)
        return "MZ" + String(repeating: "0", count: 16 - high.count) + high
            + String(repeating: "0", count: 16 - low.count) + low
    }
}
