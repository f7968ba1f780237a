import CampaignCore
import CampaignStore
import CoreMetrics

/// What the dialler reports to a metrics backend (swift-metrics, on an injected factory, never the global one): calls
/// placed, calls recorded ended by outcome, and the calls and leases this process's runners hold now. The names are
/// Prometheus names; the figures are process-wide (no campaign or organisation in any label).
public struct DiallerMetrics: Sendable {
    /// Counts nothing (the default of a runner).
    public static let disabled = DiallerMetrics()

    /// Whether a factory was given (a disabled runner skips counting its live calls).
    let enabled: Bool
    private let placed: Counter?
    private let ended: [CallOutcome: Counter]
    private let live: Meter?
    private let leases: Meter?

    /// Metrics made by `factory`; every series exists (at zero) from the start.
    public init(factory: any MetricsFactory) {
        enabled = true
        placed = Counter(label: "outbound_calls_placed_total", factory: factory)
        ended = Dictionary(
            uniqueKeysWithValues: CallOutcome.allCases.map { outcome in
                (
                    outcome,
                    Counter(
                        label: "outbound_calls_ended_total", dimensions: [("outcome", outcome.rawValue)],
                        factory: factory)
                )
            })
        live = Meter(label: "outbound_calls_live", factory: factory)
        leases = Meter(label: "outbound_call_leases_held", factory: factory)
    }

    private init() {
        enabled = false
        placed = nil
        ended = [:]
        live = nil
        leases = nil
    }

    /// A call was handed to the provider (or refused by it: an attempt all the same).
    func callPlaced() { placed?.increment() }

    /// The store recorded these ends: each call the store's fence let through counts once, by its outcome.
    func recorded(_ calls: [EndedCall], outcomes: [Int64: RecordOutcome]) {
        guard enabled else { return }
        for call in calls {
            if case .recorded? = outcomes[call.callId] { ended[call.result.outcome]?.increment() }
        }
    }

    /// Brings this runner's share of the live-call and lease gauges to what `machine` holds now; `reported` is the
    /// share last reported (the runner's state keeps it).
    func hold(_ machine: DiallerMachine, reported: inout HeldCalls) {
        guard enabled else { return }
        let now = HeldCalls(
            live: machine.calls.values.reduce(0) { $0 + ($1.state >= .dialing ? 1 : 0) }, leases: machine.liveCount)
        move(from: reported, to: now)
        reported = now
    }

    /// Takes this runner's share out of the gauges (it stopped).
    func release(_ reported: inout HeldCalls) {
        guard enabled else { return }
        move(from: reported, to: HeldCalls())
        reported = HeldCalls()
    }

    private func move(from old: HeldCalls, to new: HeldCalls) {
        if new.live != old.live { live?.increment(by: Double(new.live - old.live)) }
        if new.leases != old.leases { leases?.increment(by: Double(new.leases - old.leases)) }
    }
}

/// One runner's share of the process's live calls (started by the provider, not ended) and leases (held calls,
/// queued ones included).
struct HeldCalls: Equatable {
    var live = 0
    var leases = 0
}
