import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Logging
import ServiceLifecycle

/// The services of a long-running process, built from one ``ProcessConfiguration``: the campaign scheduler (a
/// runner for every running or scheduled campaign of the database) and the lease reaper, ready for one
/// `ServiceGroup` with one graceful shutdown. An HTTP server adds its own service next to them and uses ``store``.
public struct ProcessServices: Sendable {
    /// The store the services work on.
    public let store: SQLCampaignStore
    /// The clock every service reads.
    public let clock: any DialerClock
    /// The scheduler, then the reaper (none on a jumping virtual clock).
    public let services: [any Service]

    /// Opens the database of `configuration` (which must exist) and builds the services on it; `onSchedulerEvent`
    /// hears what the scheduler does to each campaign's runner (for logs and tests). Close ``store`` once the
    /// group has stopped.
    public static func build(
        _ configuration: ProcessConfiguration,
        onSchedulerEvent: (@Sendable (CampaignSchedulerService.Event) -> Void)? = nil
    ) async throws -> ProcessServices {
        let store: SQLCampaignStore
        do {
            store = try await SQLCampaignStore.openSQLite(path: configuration.databasePath, creating: false)
        } catch StoreError.unavailable(let reason) {
            throw AppFailure("database '\(configuration.databasePath)': \(reason)")
        }
        return build(configuration, store: store, onSchedulerEvent: onSchedulerEvent)
    }

    /// Builds the services on an open `store`; the campaigns' runners count their calls in `metrics`.
    public static func build(
        _ configuration: ProcessConfiguration, store: SQLCampaignStore,
        onSchedulerEvent: (@Sendable (CampaignSchedulerService.Event) -> Void)? = nil,
        metrics: DiallerMetrics = .disabled
    ) -> ProcessServices {
        let clock = makeClock(configuration.clock)
        let compliance = configuration.compliance
        let workerId = configuration.workerId
        let logger = configuration.logger
        let seed: UInt64
        switch configuration.provider {
        case .simulator(let value): seed = value
        }
        let scheduler = CampaignSchedulerService(
            store: store, interval: configuration.schedulerInterval, logger: logger, onEvent: onSchedulerEvent,
            executor: configuration.engineExecutor
        ) { campaign in
            guard configuration.routesByCarrier else {
                return SimulationRunner.make(
                    store: store, campaign: campaign, seed: seed, clock: clock, compliance: compliance,
                    workerId: workerId, logger: logger, onProgress: nil
                ).reporting(to: metrics)
            }
            return CampaignRunner(
                store: store, campaignId: campaign.id,
                provider: router(store, configuration, simulator: SimulationRunner.script(campaign, seed: seed)),
                clock: clock, workerId: workerId, compliance: compliance, logger: logger
            ).reporting(to: metrics)
        }
        var services: [any Service] = [scheduler]
        if case .virtual = configuration.clock {
        } else {
            let simulator = SimulatorProvider(model: SimulatorSettings(), seed: seed)
            let reaper =
                configuration.routesByCarrier
                ? LeaseReaperService(
                    store: store, provider: router(store, configuration, simulator: simulator), clock: clock,
                    workerId: workerId, interval: configuration.reaperInterval, logger: logger)
                : LeaseReaperService(
                    store: store, provider: simulator, clock: clock, workerId: workerId,
                    interval: configuration.reaperInterval, logger: logger)
            services.append(reaper)
        }
        return ProcessServices(store: store, clock: clock, services: services)
    }

    /// The provider that sends each call to its carrier's: the `sip` provider or `simulator`.
    static func router(
        _ store: SQLCampaignStore, _ configuration: ProcessConfiguration, simulator: any CallScript
    ) -> CarrierRouter {
        CarrierRouter(
            simulator: ScriptedCallProvider(script: simulator), sip: configuration.sipProvider,
            kindOfCall: { try await store.carrierKind(callId: $0) })
    }

    /// The clock a configuration names.
    static func makeClock(_ clock: ProcessConfiguration.Clock) -> any DialerClock {
        switch clock {
        case .system: return SystemClock()
        case .virtual(let start): return VirtualClock(start: start)
        case .accelerated(let start, let speed): return AcceleratedClock(start: start, speed: speed)
        }
    }

    /// A service group of ``services`` (and `extra`, such as an HTTP server) that shuts down gracefully when any
    /// service returns and, when `onSignals`, on SIGTERM and SIGINT.
    public func serviceGroup(adding extra: [any Service] = [], onSignals: Bool = true, logger: Logger) -> ServiceGroup {
        ServiceGroup(
            configuration: .init(
                services: (services + extra).map {
                    .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup)
                },
                gracefulShutdownSignals: onSignals ? [.sigterm, .sigint] : [], logger: logger))
    }
}
