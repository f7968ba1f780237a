import Foundation

/// The process that runs a campaign's simulation: its host, its process id and a token of when the process started
/// (so a process id the system reused for another program is not mistaken for the holder).
public struct SimulationHolder: Sendable, Equatable, CustomStringConvertible {
    /// The host name.
    public var host: String
    /// The process id on that host.
    public var pid: Int32
    /// Identifies the start of the process (boot id and start time on Linux); empty where unknown.
    public var startToken: String

    /// Creates a holder.
    public init(host: String, pid: Int32, startToken: String) {
        self.host = host
        self.pid = pid
        self.startToken = startToken
    }

    /// `pid 123 on host`.
    public var description: String { "pid \(pid) on \(host)" }
}

/// Who holds a campaign's simulation lease, and until when (wall-clock time, renewed by the holder's heartbeat).
public struct SimulationLeaseState: Sendable, Equatable {
    /// The holder.
    public var holder: SimulationHolder
    /// When the lease lapses unless renewed.
    public var expires: Date

    /// Creates a lease state.
    public init(holder: SimulationHolder, expires: Date) {
        self.holder = holder
        self.expires = expires
    }
}
