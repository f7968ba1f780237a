import Dialer
import Foundation
import NIOPosix

/// Where webhook delivery runs: threads of lower scheduling priority (`nice`), one for the sender's rounds (signing,
/// bodies, the outbox reads) and one event loop for its HTTP client. When the engine and the sender want the CPU at
/// once, the engine's threads get it and delivery takes what is left; on an idle machine delivery runs at full speed.
/// The store runs the sender's transactions on the main database on the shared pool
/// (`SQLCampaignStore.transactionOnSharedPool`), so a descheduled low-priority thread never holds the write lock the
/// engine records with; the deliveries' own file (SQLite) is written here.
public enum WebhookThreads {
    /// How much lower than the process the threads run (Linux `nice` increment).
    public static let niceness: Int32 = 10

    /// The executor the sender's rounds run on.
    public static let executor = ThreadExecutor(name: "outbound-hooks", niceness: niceness)

    /// The event loop the webhook HTTP client runs on (never shut down, like NIO's singleton).
    public static let eventLoopGroup: MultiThreadedEventLoopGroup = {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        group.next().execute { ThreadExecutor.lowerCurrentThread(by: niceness) }
        return group
    }()
}
