import CampaignCore
import Foundation
import Synchronization

/// Turns a ``CallScript`` into an event-driven ``CallProvider`` on the engine's clock: a started call's events
/// (`ringing`, `answered`, `ended`) are handed out together once the clock reaches its end, with their exact
/// timestamps, so a simulation spends no writes on progress nobody can watch. A hang-up cuts the course short.
public final class ScriptedCallProvider: CallProvider {
    /// The callee model.
    public let script: any CallScript
    private let pending = Mutex<[Int64: ScriptedCall]>([:])

    /// Wraps a script.
    public init(script: any CallScript) { self.script = script }

    public var limits: CallLimits {
        CallLimits(ringTimeout: script.ringTimeout, maximumDuration: script.maximumCallDuration)
    }

    public func start(_ request: DialRequest) async throws -> StartedCall {
        let course = try await script.place(request)
        remember(request, course: course)
        return StartedCall(providerCallId: Self.reference(request.callId), course: course)
    }

    public func hangUp(_ request: DialRequest, at: Date) async {
        pending.withLock { book in
            guard var call = book[request.callId], call.course.endedAt > at else { return }
            if let answeredAt = call.course.answeredAt, answeredAt <= at {
                call.course.endedAt = at
            } else {
                call.course = CallResult(
                    startedAt: call.course.startedAt, answeredAt: nil, endedAt: at, outcome: .noAnswer)
            }
            book[request.callId] = call
        }
    }

    public func events(campaignId: Int64, upTo now: Date) async -> [CallEvent] {
        let due: [ScriptedCall] = pending.withLock { book in
            let ended = book.values.filter { $0.campaignId == campaignId && $0.course.endedAt <= now }
            for call in ended { book[call.callId] = nil }
            return ended
        }
        var events: [CallEvent] = []
        events.reserveCapacity(due.count * 3)
        for call in due {
            let reference = Self.reference(call.callId)
            let course = call.course
            if let startedAt = course.startedAt {
                events.append(
                    CallEvent(
                        callId: call.callId, campaignId: campaignId, providerCallId: reference, at: startedAt,
                        kind: .ringing))
            }
            if let answeredAt = course.answeredAt {
                events.append(
                    CallEvent(
                        callId: call.callId, campaignId: campaignId, providerCallId: reference, at: answeredAt,
                        kind: .answered(by: course.answeredBy)))
            }
            events.append(
                CallEvent(
                    callId: call.callId, campaignId: campaignId, providerCallId: reference, at: course.endedAt,
                    kind: .ended(course)))
        }
        return events
    }

    public func nextEventTime(campaignId: Int64) async -> Date? {
        pending.withLock { book in
            book.values.lazy.filter { $0.campaignId == campaignId }.map(\.course.endedAt).min()
        }
    }

    public func reconcile(_ request: DialRequest, now: Date) async -> CallStatus {
        if let known = pending.withLock({ $0[request.callId] }) {
            if known.course.endedAt <= now { return .ended(known.course) }
            return .live(known.state(at: now), course: known.course)
        }
        guard let course = await script.reconcile(request) else { return .unknown }
        if course.endedAt <= now { return .ended(course) }
        let call = remember(request, course: course)
        return .live(call.state(at: now), course: course)
    }

    @discardableResult
    private func remember(_ request: DialRequest, course: CallResult) -> ScriptedCall {
        let call = ScriptedCall(callId: request.callId, campaignId: request.campaignId, course: course)
        pending.withLock { $0[request.callId] = call }
        return call
    }

    private static func reference(_ callId: Int64) -> String { "script-\(callId)" }
}

/// A started call whose course a script knows.
struct ScriptedCall: Sendable {
    let callId: Int64
    let campaignId: Int64
    var course: CallResult

    /// Where the call stands at `now`.
    func state(at now: Date) -> CallState {
        if course.endedAt <= now { return .ended }
        if let answeredAt = course.answeredAt, answeredAt <= now { return .answered }
        if let startedAt = course.startedAt, startedAt <= now { return .ringing }
        return .dialing
    }
}
