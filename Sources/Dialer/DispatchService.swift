import CampaignStore
import Foundation
import Logging
import ServiceLifecycle

/// A campaign runner as a long-running service: it stops on graceful shutdown (live calls are left leased and
/// a later runner adopts or reaps them) or when the campaign stops.
public struct DispatchService: Service {
    let runner: CampaignRunner
    let deadline: Date?
    let finished: @Sendable (RunnerStop) -> Void

    /// Wraps a runner; `finished` hears why it stopped.
    public init(runner: CampaignRunner, deadline: Date?, finished: @escaping @Sendable (RunnerStop) -> Void) {
        self.runner = runner
        self.deadline = deadline
        self.finished = finished
    }

    public func run() async throws {
        let stop = try await cancelWhenGracefulShutdown { [runner, deadline] in
            try await runner.run(until: deadline)
        }
        finished(stop)
    }
}
