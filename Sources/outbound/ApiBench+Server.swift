import CampaignStore
import Dialer
import Foundation
import HTTPServer
import Logging
import OutboundApp

/// The API served in this process on a free loopback port (the real router, middleware and live feeds), without
/// the process's own dialler: the bench drives the engine itself.
struct BenchServer {
    let port: Int
    let task: Task<Void, any Error>

    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts the server on `store`, counting in `metrics`; returns once it listens.
    static func start(store: SQLCampaignStore, metrics: ServerMetrics) async throws -> BenchServer {
        let services = ServerServices(
            store: store, clock: SystemClock(), compliance: try App.complianceRules(nil),
            numbers: try App.numberValidator(), metrics: metrics)
        let (ports, listening) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "outbound.bench")
        logger.logLevel = .critical
        let app = ServerApp.application(
            services: services, configuration: ServerConfiguration(host: "127.0.0.1", port: 0), background: [],
            logger: logger
        ) { port in listening.yield(port) }
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CommandFailure("the bench's server did not start") }
        return BenchServer(port: port, task: task)
    }

    /// Stops the server and waits for it.
    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
