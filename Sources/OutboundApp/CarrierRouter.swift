import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Synchronization

/// The provider of a process that can place real calls: each call goes to the provider of its caller ID's carrier —
/// the `sip` provider for a `sip` carrier, the simulator otherwise (SPEC §12). A `sip` call on a process without a
/// SIP endpoint (no `--sip-bind`) is refused, so it ends as `failed` with the reason in the log.
public final class CarrierRouter: CallProvider {
    private enum Route { case simulator, sip }

    private let simulator: any CallProvider
    private let sip: (any CallProvider)?
    private let kindOfCall: @Sendable (Int64) async throws -> CarrierKind?
    private let routes = Mutex<[Int64: Route]>([:])
    /// The route of each campaign's caller IDs, read once per ``routeLifetime`` (a number can move to another
    /// carrier), so routing costs no read per call.
    private let known = Mutex<[KnownKey: (route: Route, until: ContinuousClock.Instant)]>([:])
    private struct KnownKey: Hashable {
        var campaignId: Int64
        var from: String
    }
    /// How long a caller ID's route is kept.
    static let routeLifetime = Duration.seconds(10)

    /// A router over the simulator and, when this process has a SIP endpoint, the `sip` provider; `kindOfCall` reads
    /// the kind of a call's carrier (nil: no carrier).
    public init(
        simulator: any CallProvider, sip: (any CallProvider)?,
        kindOfCall: @escaping @Sendable (Int64) async throws -> CarrierKind?
    ) {
        self.simulator = simulator
        self.sip = sip
        self.kindOfCall = kindOfCall
    }

    public var limits: CallLimits {
        guard let sip else { return simulator.limits }
        return CallLimits(
            ringTimeout: max(simulator.limits.ringTimeout, sip.limits.ringTimeout),
            maximumDuration: max(simulator.limits.maximumDuration, sip.limits.maximumDuration))
    }

    public func start(_ request: DialRequest) async throws -> StartedCall {
        let key = KnownKey(campaignId: request.campaignId, from: request.from)
        let now = ContinuousClock.now
        let isSIP: Bool
        if let cached = known.withLock({ $0[key] }), cached.until > now {
            isSIP = cached.route == .sip
        } else {
            isSIP = try await kindOfCall(request.callId) == .sip
            known.withLock { $0[key] = (isSIP ? .sip : .simulator, now + Self.routeLifetime) }
        }
        if isSIP && sip == nil {
            throw AppFailure(
                "call \(request.callId) is through a sip carrier, and this process has no SIP endpoint (--sip-bind)")
        }
        routes.withLock { $0[request.callId] = isSIP ? .sip : .simulator }
        return try await provider(isSIP ? .sip : .simulator).start(request)
    }

    public func cancelUnanswered(_ request: DialRequest, at: Date) async {
        await provider(routes.withLock { $0[request.callId] } ?? .simulator).cancelUnanswered(request, at: at)
    }

    public func hangUp(_ request: DialRequest, at: Date) async {
        await provider(routes.withLock { $0[request.callId] } ?? .simulator).hangUp(request, at: at)
    }

    public func events(campaignId: Int64, upTo now: Date) async -> [CallEvent] {
        var events = await simulator.events(campaignId: campaignId, upTo: now)
        if let sip { events += await sip.events(campaignId: campaignId, upTo: now) }
        let ended = events.compactMap { event -> Int64? in
            if case .ended = event.kind { return event.callId }
            return nil
        }
        if !ended.isEmpty { routes.withLock { routes in for id in ended { routes[id] = nil } } }
        return events
    }

    public func nextEventTime(campaignId: Int64) async -> Date? {
        await simulator.nextEventTime(campaignId: campaignId)
    }

    public func reconcile(_ request: DialRequest, now: Date) async -> CallStatus {
        if let route = routes.withLock({ $0[request.callId] }) {
            return await provider(route).reconcile(request, now: now)
        }
        // A call of an earlier process: its carrier says which provider it was, never a simulated guess for a real
        // call (a carrier that cannot be read counts as sip: the engine then marks the call interrupted).
        let kind = try? await kindOfCall(request.callId)
        if kind == .sip || kind == nil && sip != nil {
            return await sip?.reconcile(request, now: now) ?? .unknown
        }
        return await simulator.reconcile(request, now: now)
    }

    private func provider(_ route: Route) -> any CallProvider {
        switch route {
        case .simulator: simulator
        case .sip: sip ?? simulator
        }
    }
}
