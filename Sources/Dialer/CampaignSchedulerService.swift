import CampaignCore
import CampaignStore
import Foundation
import Logging
import ServiceLifecycle

/// Runs every runnable (running or scheduled) campaign of the database, one ``CampaignRunner`` each.
///
/// Every `interval` it asks the store which campaigns should run and starts a runner for each one that has none (a
/// campaign started by another process or command is picked up within one interval). A campaign that stops being
/// runnable (paused, cancelled, completed) stops its own runner: the runner dispatches nothing new, lets its live
/// calls finish and records them (SPEC §4's pause), then returns. A runner that has returned is forgotten; it is
/// started again at a later look only if its campaign is still or again runnable (an idle always-on campaign is
/// restarted at the next look, so appended contacts get dialled). A campaign never has two runners: a runner keeps
/// its place until it has returned. On graceful shutdown or cancellation every runner is cancelled and
/// `run()` returns once they have; their live calls stay leased for a later runner or the reaper, as with
/// ``DispatchService``.
public struct CampaignSchedulerService: Service {
    /// What happened to a campaign's runner, for logs and tests.
    public enum Event: Sendable, Equatable {
        /// The scheduler looked at the database and started what was missing.
        case looked
        /// A runner was started for the campaign.
        case started(campaignId: Int64)
        /// The runner returned by itself with this reason.
        case returned(campaignId: Int64, stop: RunnerStop)
        /// The runner was cancelled (shutdown) or failed.
        case ended(campaignId: Int64)
    }

    let store: any DiallerStore
    let interval: Duration
    let makeRunner: @Sendable (Campaign) -> CampaignRunner
    let logger: Logger
    let onEvent: (@Sendable (Event) -> Void)?
    let executor: (any TaskExecutor)?

    /// Creates a scheduler that looks at the database every `interval`. `makeRunner` builds the runner of one
    /// campaign: the composition root chooses its provider, clock, worker id and compliance rules there. The looks
    /// and the runners run on `executor` when one is given (a server passes ``ThreadExecutor/engine``), else on the
    /// global concurrent executor.
    public init(
        store: any DiallerStore, interval: Duration = .seconds(1),
        logger: Logger = Logger(label: "outbound.scheduler"), onEvent: (@Sendable (Event) -> Void)? = nil,
        executor: (any TaskExecutor)? = nil,
        makeRunner: @escaping @Sendable (Campaign) -> CampaignRunner
    ) {
        self.store = store
        self.interval = interval
        self.makeRunner = makeRunner
        self.logger = logger
        self.onEvent = onEvent
        self.executor = executor
    }

    /// What one child task of the scheduler reports.
    private enum Wake: Sendable {
        case look
        case runnerDone(campaignId: Int64, Result<RunnerStop, any Error>)
    }

    public func run() async throws {
        await withTaskExecutorPreference(executor) {
            await cancelWhenGracefulShutdown { await schedule() }
        }
    }

    private func schedule() async {
        await withTaskGroup(of: Wake.self) { group in
            var runners: [Int64: Task<RunnerStop, any Error>] = [:]
            group.addTask { .look }
            while let wake = await group.next() {
                switch wake {
                case .look:
                    guard !Task.isCancelled else { continue }
                    await look(runners: &runners, group: &group)
                    group.addTask { [interval] in
                        try? await Task.sleep(for: interval)
                        return .look
                    }
                case .runnerDone(let campaignId, let result):
                    let cancelled = runners.removeValue(forKey: campaignId)?.isCancelled ?? true
                    report(campaignId: campaignId, result, cancelled: cancelled)
                }
            }
        }
    }

    /// One look: starts the runners of runnable campaigns that have none.
    private func look(runners: inout [Int64: Task<RunnerStop, any Error>], group: inout TaskGroup<Wake>) async {
        let runnable: Set<Int64>
        do {
            runnable = Set(try await store.runnableCampaignIds())
        } catch {
            logger.error("cannot list the runnable campaigns", metadata: ["error": "\(error)"])
            return
        }
        for campaignId in runnable.sorted() where runners[campaignId] == nil {
            let campaign: Campaign?
            do {
                campaign = try await store.campaign(id: campaignId)
            } catch {
                logger.error("cannot load a campaign", metadata: ["campaign": "\(campaignId)", "error": "\(error)"])
                continue
            }
            guard let campaign else { continue }
            let runner = makeRunner(campaign)
            // An unstructured task so that one runner can be cancelled alone; the child task that awaits it passes
            // the group's cancellation (shutdown) on, so the runner never outlives `run()`.
            let task = Task(executorPreference: executor) { try await runner.run() }
            runners[campaignId] = task
            onEvent?(.started(campaignId: campaignId))
            group.addTask {
                let result = await withTaskCancellationHandler {
                    await task.result
                } onCancel: {
                    task.cancel()
                }
                return .runnerDone(campaignId: campaignId, result)
            }
        }
        onEvent?(.looked)
    }

    private func report(campaignId: Int64, _ result: Result<RunnerStop, any Error>, cancelled: Bool) {
        switch result {
        case .success(let stop):
            logger.debug("runner returned", metadata: ["campaign": "\(campaignId)", "stop": "\(stop.rawValue)"])
            onEvent?(.returned(campaignId: campaignId, stop: stop))
        case .failure where cancelled:
            logger.debug("runner stopped", metadata: ["campaign": "\(campaignId)"])
            onEvent?(.ended(campaignId: campaignId))
        case .failure(let error):
            logger.error("runner failed", metadata: ["campaign": "\(campaignId)", "error": "\(error)"])
            onEvent?(.ended(campaignId: campaignId))
        }
    }
}
