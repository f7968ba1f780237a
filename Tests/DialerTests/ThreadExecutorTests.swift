import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Synchronization
import Testing

/// The kernel's name of the thread running the caller (a synchronous function, so an async caller may ask).
func currentThreadName() -> String {
    let text = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
    return text.trimmingCharacters(in: .newlines)
}

@Suite("ThreadExecutor: the engine on a thread of its own")
struct ThreadExecutorTests {
    @Test("a task preferring the executor runs every job on its thread, in order, across suspensions")
    func runsOnItsThread() async throws {
        let executor = ThreadExecutor(name: "test-exec-order")
        let names = try await Task(executorPreference: executor) {
            var names: [String] = [currentThreadName()]
            for _ in 0..<20 {
                try await Task.sleep(for: .milliseconds(1))
                await Task.yield()
                names.append(currentThreadName())
            }
            return names
        }.value
        #expect(names == Array(repeating: "test-exec-order", count: 21))
        let children = await withTaskExecutorPreference(executor) {
            await withTaskGroup(of: (Int, String).self) { group in
                for index in 0..<50 { group.addTask { (index, currentThreadName()) } }
                return await group.reduce(into: [(Int, String)]()) { $0.append($1) }
            }
        }
        #expect(children.map(\.0).sorted() == Array(0..<50), "every child task ran")
        #expect(Set(children.map(\.1)) == ["test-exec-order"], "child tasks inherit the executor")
    }

    @Test("the scheduler given an executor looks and dials on it")
    func schedulerRunsOnTheExecutor() async throws {
        try await Harness.withStore { store, _ in
            let id = try await CampaignSchedulerServiceTests.startedCampaign(in: store)
            let executor = ThreadExecutor(name: "test-exec-eng")
            let provider = ThreadNotingScript(inner: SimulatorProvider(model: Harness.settings().simulator, seed: 3))
            let probe = Probe()
            let scheduler = CampaignSchedulerServiceTests.scheduler(
                store: store, probe: probe, provider: provider, executor: executor)
            let running = Task {
                try await scheduler.run()
                probe.markReturned()
            }
            #expect(try await eventually { try await CampaignSchedulerServiceTests.isCompleted(id, store) })
            running.cancel()
            #expect(await eventually(timeout: .seconds(60)) { probe.hasReturned })
            #expect(!provider.threads.isEmpty, "calls were placed")
            #expect(provider.threads == ["test-exec-eng"], "every call placed from the engine's thread")
        }
    }
}

/// A call script that notes the thread each call is placed from.
final class ThreadNotingScript: CallScript {
    let inner: SimulatorProvider
    private let seen = Mutex<Set<String>>([])

    init(inner: SimulatorProvider) { self.inner = inner }

    var threads: Set<String> { seen.withLock { $0 } }
    var maximumCallDuration: TimeInterval { inner.maximumCallDuration }
    var ringTimeout: TimeInterval { inner.ringTimeout }

    func place(_ request: DialRequest) async throws -> CallResult {
        let name = currentThreadName()
        seen.withLock { _ = $0.insert(name) }
        return try await inner.place(request)
    }

    func reconcile(_ request: DialRequest) async -> CallResult? { await inner.reconcile(request) }
}
