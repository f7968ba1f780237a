import ServiceLifecycle

/// Runs a dialler service so that the group's graceful shutdown (SIGTERM, SIGINT) is a clean stop: the cancellation
/// the service sees while the group shuts down (a sleep cut short) ends it quietly instead of failing the group, so
/// `outbound serve` exits 0. Any other error, or a cancellation outside a shutdown, still fails it.
struct ShutdownQuietService: Service, CustomStringConvertible {
    let inner: any Service

    func run() async throws {
        do {
            try await inner.run()
        } catch is CancellationError where Task.isShuttingDownGracefully || Task.isCancelled {
            return
        }
    }

    var description: String { "\(type(of: inner))" }
}
