import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Hummingbird
import Logging
import NIOCore
import OutboundApp
import ServiceLifecycle

/// Where the server listens.
public struct ServerConfiguration: Sendable {
    /// Address to bind.
    public var host: String
    /// Port (0: any free port).
    public var port: Int
    /// Mark cookies `Secure`: the server is reached over HTTPS (a TLS proxy in front of it).
    public var secureCookies: Bool
    /// How webhooks are delivered (`--allow-private-webhooks`, `--webhook-retry-delays`).
    public var webhooks = WebhookSenderSettings()

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
        webhooks: WebhookSenderSettings = WebhookSenderSettings()
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.webhooks = webhooks
    }
}

/// The composition root of `outbound serve`: the API's router from the route table, and the application that runs it
/// in one service group with the process's dialler (OutboundApp's ``ProcessServices``: the campaign scheduler and the
/// lease reaper), so SIGTERM or SIGINT stops all of them gracefully.
public enum ServerApp {
    /// The API's router.
    public static func router(services: ServerServices) -> Router<ServerRequestContext> {
        DashboardPages.add(
            to: SignInPages.add(to: RouteDispatch.router(APIRoutes.all, services: services), services: services),
            services: services)
    }

    /// The whole server on an open `store`: the dialler of `process` and the API on its clock. `onRunning` hears the
    /// port the server listens on once it does.
    public static func build(
        store: SQLCampaignStore, process: ProcessConfiguration, server: ServerConfiguration,
        numbers: any NumberValidator, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let metrics = ServerMetrics()
        let dialler = ProcessServices.build(process, store: store, metrics: metrics.dialler)
        let services = ServerServices(
            store: store, clock: dialler.clock, compliance: process.compliance, numbers: numbers,
            secureCookies: server.secureCookies, metrics: metrics, allowPrivateWebhooks: server.webhooks.allowPrivate)
        let webhooks = WebhookSenderService(
            sender: WebhookSender(
                store: store, transport: HTTPClientWebhookTransport(), clock: SystemClock(), settings: server.webhooks),
            logger: process.logger)
        return application(
            services: services, configuration: server,
            background: dialler.services + (server.webhooks.sends ? [webhooks] : []),
            logger: process.logger, onRunning: onRunning)
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
            server: .http1(configuration: .init(additionalChannelHandlers: [ExpectContinueHandler()])),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "outbound"),
            services: background + [services.feeds],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}
