import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Hummingbird
import Logging
import NIOCore
import OutboundApp
import ServiceLifecycle

/// Where the server listens and how its dialler runs.
public struct ServerConfiguration: Sendable {
    /// Address to bind.
    public var host: String
    /// Port (0: any free port).
    public var port: Int
    /// Seed of the simulator's callee model.
    public var seed: UInt64
    /// The worker id that owns this process's leases: stable across restarts, so a restarted server adopts its own
    /// calls.
    public var workerId: String

    /// Creates a configuration.
    public init(host: String = "127.0.0.1", port: Int = 8080, seed: UInt64 = 7, workerId: String? = nil) {
        self.host = host
        self.port = port
        self.seed = seed
        self.workerId = workerId ?? "serve-\(ProcessInfo.processInfo.hostName)-\(port)"
    }
}

/// The composition root of `outbound serve`: the API's router from the route table, and the application that runs it
/// in one service group with the dialler (the campaign scheduler and the lease reaper), so SIGTERM or SIGINT stops
/// all of them gracefully.
public enum ServerApp {
    /// The API's router.
    public static func router(services: ServerServices) -> Router<BasicRequestContext> {
        RouteDispatch.router(APIRoutes.all, services: services)
    }

    /// The application: the API and `background` services (the dialler) in one service group. `onRunning` hears the
    /// port the server listens on once it does.
    public static func application(
        services: ServerServices, configuration: ServerConfiguration, background: [any Service],
        logger: Logger = Logger(label: "outbound.server"),
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(services: services),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "outbound"),
            services: background,
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// The dialler of a server process: one runner per runnable campaign on the simulator provider, and the reaper
    /// of lapsed leases, both on `clock`.
    public static func dialler(
        store: any DiallerStore, clock: any DialerClock, compliance: ComplianceRules,
        configuration: ServerConfiguration, logger: Logger = Logger(label: "outbound.dialer")
    ) -> [any Service] {
        // Look again about once a wall second, however fast the virtual clock runs.
        let poll = max(1, (clock as? ScaledClock)?.setting.speed ?? 1)
        let seed = configuration.seed
        let workerId = configuration.workerId
        let scheduler = CampaignSchedulerService(store: store, logger: logger) { campaign in
            CampaignRunner(
                store: store, campaignId: campaign.id,
                provider: SimulatorProvider(
                    model: campaign.settings.simulator, seed: seed,
                    leavesVoicemail: campaign.settings.voicemailAction == .leaveMessage),
                clock: clock, workerId: workerId, compliance: compliance, logger: logger, pollInterval: poll,
                progressEveryTicks: 1_000_000)
        }
        let reaper = LeaseReaperService(
            store: store, provider: SimulatorProvider(model: SimulatorSettings(), seed: seed), clock: clock,
            workerId: workerId, interval: 5 * poll, logger: logger)
        return [ShutdownQuietService(inner: scheduler), ShutdownQuietService(inner: reaper)]
    }
}
