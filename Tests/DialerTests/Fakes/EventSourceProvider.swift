import CampaignCore
import Dialer
import Foundation
import Synchronization

/// A provider whose events come on a schedule a test chooses (late, twice, out of order), on the virtual clock:
/// `deliveries` says, for a call's course, which events are handed out at which instants. It announces no course,
/// so the engine watches every call as it would a carrier's.
final class EventSourceProvider: CallProvider {
    typealias Deliveries = @Sendable (DialRequest, CallResult) -> [(at: Date, kind: CallEvent.Kind)]

    private struct Delivery {
        let at: Date
        let order: Int
        let event: CallEvent
    }

    let limits: CallLimits
    private let course: @Sendable (DialRequest) -> CallResult
    private let deliveries: Deliveries
    private let status: @Sendable (DialRequest, Date) -> (CallStatus, CallResult?)
    private let onDeliver: (@Sendable ([CallEvent], Date) async -> Void)?
    private let queue = Mutex<(items: [Delivery], next: Int)>(([], 0))
    /// Calls the engine asked to hang up.
    let hungUp = Mutex<[Int64]>([])
    /// Calls started, in order.
    let started = Mutex<[Int64]>([])

    init(
        limits: CallLimits, course: @escaping @Sendable (DialRequest) -> CallResult,
        deliveries: @escaping Deliveries,
        status: @escaping @Sendable (DialRequest, Date) -> (CallStatus, CallResult?) = { _, _ in (.unknown, nil) },
        onDeliver: (@Sendable ([CallEvent], Date) async -> Void)? = nil
    ) {
        self.limits = limits
        self.course = course
        self.deliveries = deliveries
        self.status = status
        self.onDeliver = onDeliver
    }

    func start(_ request: DialRequest) async throws -> StartedCall {
        started.withLock { $0.append(request.callId) }
        enqueue(request, course(request))
        return StartedCall(providerCallId: "ev-\(request.callId)")
    }

    func hangUp(_ request: DialRequest, at: Date) async { hungUp.withLock { $0.append(request.callId) } }

    func events(campaignId: Int64, upTo now: Date) async -> [CallEvent] {
        let due = queue.withLock { queue in
            let due = queue.items.filter { $0.at <= now && $0.event.campaignId == campaignId }
            queue.items.removeAll { $0.at <= now && $0.event.campaignId == campaignId }
            return due.sorted { ($0.at, $0.order) < ($1.at, $1.order) }.map(\.event)
        }
        if let onDeliver, !due.isEmpty { await onDeliver(due, now) }
        return due
    }

    func nextEventTime(campaignId: Int64) async -> Date? {
        queue.withLock { $0.items.filter { $0.event.campaignId == campaignId }.map(\.at).min() }
    }

    func reconcile(_ request: DialRequest, now: Date) async -> CallStatus {
        let (answer, course) = status(request, now)
        if let course { enqueue(request, course) }
        return answer
    }

    private func enqueue(_ request: DialRequest, _ course: CallResult) {
        let planned = deliveries(request, course)
        queue.withLock { queue in
            for (at, kind) in planned {
                let event = CallEvent(
                    callId: request.callId, campaignId: request.campaignId, providerCallId: "ev-\(request.callId)",
                    at: at, kind: kind)
                queue.items.append(Delivery(at: at, order: queue.next, event: event))
                queue.next += 1
            }
        }
    }
}
