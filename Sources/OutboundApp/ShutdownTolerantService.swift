import ServiceLifecycle

/// A service whose cancellation by a graceful shutdown is a clean stop. `LeaseReaperService` waits on its clock
/// inside `cancelWhenGracefulShutdown`, so a shutdown that cancels the wait surfaces as a `CancellationError`, which
/// a `ServiceGroup` reports as the service failing (and `run()` then throws it). Any other error, and a
/// cancellation outside a shutdown, still fails the group.
struct ShutdownTolerantService: Service {
    let base: any Service

    func run() async throws {
        do {
            try await base.run()
        } catch is CancellationError where Task.isShuttingDownGracefully {
            return
        }
    }
}
