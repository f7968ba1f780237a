import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A task executor backed by one thread of its own: the jobs of every task that prefers it run there, one at a time,
/// in the order they were enqueued.
///
/// Why: the dialler's store statements are synchronous SQLite calls of up to milliseconds each. On Swift's
/// cooperative pool (one thread per core, two on a small server) each of them holds a thread the HTTP server needs,
/// so a request could wait behind an engine transaction however light it was. On a thread of its own the engine is
/// scheduled by the kernel beside the server's threads instead (preempted, time-sliced), and a request never queues
/// behind it. `niceness` lowers the thread's scheduling weight, so under full load the server's reads come first.
///
/// The thread lives as long as the process; executors are created once (``engine``), not per campaign.
public final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    /// The executor the dialling engine runs on (runners, the scheduler's looks): one thread at niceness 1.
    public static let engine = ThreadExecutor(name: "outbound-engine", niceness: engineNiceness)
    /// The engine thread's nice value.
    public static let engineNiceness: Int32 = 1

    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var jobs: [UnownedJob] = []

    /// Starts the thread, named `name` (at most 15 bytes are kept). `niceness` (0 to 19) lowers its priority against the process's other threads.
    public init(name: String, niceness: Int32 = 0) {
        let thread = Thread { [self] in
            Self.nameThread(name)
            Self.lowerCurrentThread(by: niceness)
            runJobs()
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

    private func runJobs() -> Never {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Names the calling thread for the kernel (`top -H`, `perf`, a debugger): its first 15 bytes, Linux's limit.
    private static func nameThread(_ name: String) {
        #if os(Linux)
            let descriptor = open("/proc/thread-self/comm", O_WRONLY)
            guard descriptor >= 0 else { return }
            let bytes = Array(name.utf8.prefix(15))
            _ = write(descriptor, bytes, bytes.count)
            close(descriptor)
        #endif
    }

    /// Sets the calling thread's nice value: on Linux the nice value belongs to a thread, and `who` 0 names the
    /// calling one, so the process's other threads keep theirs.
    public static func lowerCurrentThread(by niceness: Int32) {
        #if os(Linux)
            guard niceness > 0 else { return }
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }
}
