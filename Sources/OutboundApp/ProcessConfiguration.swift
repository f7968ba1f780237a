import CampaignCore
import Dialer
import Foundation
import Logging

/// What a long-running process (`outbound serve`, a dialling node) is built from: its database, its clock, its
/// rules and its provider. ``ProcessServices/build(_:)`` turns it into services for one `ServiceGroup`.
public struct ProcessConfiguration: Sendable {
    /// The process's source of time.
    public enum Clock: Sendable {
        /// Wall-clock time: real calls.
        case system
        /// A clock that jumps to the next instant the engine waits for (tests, batch simulation); no reaper runs,
        /// since a reaper's periodic wait would move such a clock by itself.
        case virtual(start: Date)
        /// Virtual time running `speed` times faster than wall time from `start` (a watched simulation).
        case accelerated(start: Date, speed: Double)
    }

    /// Who places the calls.
    public enum Provider: Sendable {
        /// The simulator, each campaign with its own callee model, seeded by `seed`.
        case simulator(seed: UInt64)
    }

    /// The SQLite database file; it must exist (a process never creates one).
    public var databasePath: String
    /// The clock.
    public var clock: Clock
    /// The quiet hours and frequency caps every campaign applies.
    public var compliance: ComplianceRules
    /// The call provider.
    public var provider: Provider
    /// This process's lease owner name; two processes on one database need different ones.
    public var workerId: String
    /// The logger of the services.
    public var logger: Logger
    /// How often the scheduler looks for campaigns to start or stop (wall time).
    public var schedulerInterval: Duration = .seconds(1)
    /// How often the reaper looks for lapsed leases (seconds of the process's clock).
    public var reaperInterval: TimeInterval = 5
    /// Where the dialling engine runs: a thread of its own by default, so the server's requests never queue behind a
    /// store statement of the engine on the cooperative pool (docs/benchmarks.md, `bench api`).
    public var engineExecutor: (any TaskExecutor)? = ThreadExecutor.engine
    /// Whether each call goes to the provider of its caller ID's carrier (``CarrierRouter``): `outbound serve` and
    /// nodes. Off, every call is simulated (the CLI's simulations, the benches).
    public var routesByCarrier = false
    /// This process's `sip` provider (`--sip-bind`); without one a `sip` carrier's calls are refused and fail.
    public var sipProvider: (any CallProvider)?

    /// A configuration; the intervals keep their defaults.
    public init(
        databasePath: String, clock: Clock, compliance: ComplianceRules, provider: Provider, workerId: String,
        logger: Logger = Logger(label: "outbound")
    ) {
        self.databasePath = databasePath
        self.clock = clock
        self.compliance = compliance
        self.provider = provider
        self.workerId = workerId
        self.logger = logger
    }
}
