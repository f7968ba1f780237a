import Foundation
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// Where webhook delivery runs: threads of lower scheduling priority (`nice`), one for the sender's rounds (signing,
/// bodies, the outbox reads) and one event loop for its HTTP client. When the engine and the sender want the CPU at
/// once, the engine's threads get it and delivery takes what is left; on an idle machine delivery runs at full speed.
/// The sender's write transactions leave this thread (``WebhookSender``), so a descheduled low-priority thread
/// never holds the store's write lock the engine records with.
public enum WebhookThreads {
    /// How much lower than the process the threads run (Linux `nice` increment).
    public static let niceness: Int32 = 10

    /// The executor the sender's rounds run on.
    public static let executor = LowPriorityExecutor(name: "outbound.webhooks", niceness: niceness)

    /// The event loop the webhook HTTP client runs on (never shut down, like NIO's singleton).
    public static let eventLoopGroup: MultiThreadedEventLoopGroup = {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        group.next().execute { lowerCurrentThread(by: niceness) }
        return group
    }()

    /// Lowers the calling thread's scheduling priority by `niceness` (Linux: the thread's own nice value).
    static func lowerCurrentThread(by niceness: Int32) {
        #if os(Linux)
            guard
                let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self"),
                let last = path.split(separator: "/").last, let thread = id_t(last)
            else { return }
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), thread, niceness)
        #endif
    }
}

/// A task executor on one thread of its own, started at a lower scheduling priority.
public final class LowPriorityExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// Starts the thread.
    init(name: String, niceness: Int32) {
        let thread = Thread { [self] in
            WebhookThreads.lowerCurrentThread(by: niceness)
            run()
        }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
