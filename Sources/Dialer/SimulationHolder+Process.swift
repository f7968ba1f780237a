import CampaignStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension SimulationHolder {
    /// Whether a holder's process still runs, as far as this process can tell.
    public enum Liveness: Sendable, Equatable {
        /// Its process runs on this host.
        case alive
        /// Its process is gone (or its id now belongs to another process).
        case dead
        /// It runs on another host: only its lease expiry tells.
        case unknown
    }

    /// This process.
    public static func current() -> SimulationHolder {
        let pid = getpid()
        return SimulationHolder(host: hostName(), pid: pid, startToken: startToken(of: pid) ?? "")
    }

    /// Looks the holder up in this host's process table: `kill(pid, 0)` says whether the id is in use, the start
    /// token whether it is still the same process.
    public func liveness() -> Liveness {
        guard host == Self.hostName() else { return .unknown }
        if kill(pid, 0) != 0 && errno != EPERM { return .dead }
        guard let token = Self.startToken(of: pid) else { return startToken.isEmpty ? .alive : .dead }
        return token == startToken ? .alive : .dead
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The boot id and the start time of a running process (`/proc`); nil when the process is gone or a zombie,
    /// or where there is no `/proc`.
    static func startToken(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name: state is field 3, the start time field 22.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, fields[0] != "Z" else { return nil }
        let boot =
            (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return "\(boot):\(fields[19])"
    }
}
