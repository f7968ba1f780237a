import Foundation

/// A SIPp 3.6 UAS (Debian `sip-tester`) started on 127.0.0.1 (for one call unless `-m` says more), as the carrier and
/// callee of a test.
public struct SIPpPeer {
    /// Scenario files: those recorded for SIPCore's replays, and this target's own.
    public static let folders: [URL] = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return [
            tests.appendingPathComponent("SIPCoreTests/Fixtures/sipp"),
            tests.appendingPathComponent("TelephonyTests/Scenarios"),
        ]
    }()

    public struct Missing: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) { self.description = description }
    }

    public let process: Process
    public let port: Int
    private let log: URL

    /// Starts `sipp` with a scenario file (`scenario` names it without `.xml`) or, when nil, SIPp's built-in `uas`.
    /// Each `[key]` of `filling` is replaced in the scenario's text first (SIPp checks a response's status code when it
    /// loads the file, so a code cannot be one of its own `-key` parameters).
    public static func start(
        scenario: String?, filling: [String: String] = [:], arguments extra: [String] = [], calls: Int = 1,
        timeout: Int = 30
    ) throws -> SIPpPeer {
        guard let sipp = ["/usr/bin/sipp", "/usr/local/bin/sipp"].first(where: FileManager.default.isExecutableFile)
        else {
            throw Missing(description: "sipp is not installed (Debian sip-tester; scripts/test-all.sh installs it)")
        }
        let port = try FreePort.udp()
        var arguments =
            [
                "-i", "127.0.0.1", "-p", String(port), "-mi", "127.0.0.1", "-m", String(calls), "-nostdin",
                "-timeout", "\(timeout)s", "-timeout_error",
            ] + extra
        if let scenario {
            guard
                let file = folders.map({ $0.appendingPathComponent(scenario + ".xml") }).first(where: {
                    FileManager.default.fileExists(atPath: $0.path)
                })
            else { throw Missing(description: "no scenario \(scenario).xml") }
            var text = try String(contentsOf: file, encoding: .isoLatin1)
            for (key, value) in filling { text = text.replacingOccurrences(of: "[\(key)]", with: value) }
            let filled = FileManager.default.temporaryDirectory.appendingPathComponent("sipp-\(UUID()).xml")
            try text.write(to: filled, atomically: true, encoding: .isoLatin1)
            arguments += ["-sf", filled.path]
        } else {
            arguments += ["-sn", "uas"]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sipp)
        process.arguments = arguments
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        // A file, not a pipe: SIPp redraws its screen all the time, and a full pipe would block it mid-call.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("sipp-\(UUID()).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try handle.close()
        return SIPpPeer(process: process, port: port, log: log)
    }

    /// Waits for SIPp to exit (up to `timeout`; killed when it does not) and returns its status (-1 when killed) and
    /// the end of what it printed; its log file is removed.
    public func finish(timeout: Duration = .seconds(30)) async -> (status: Int32, printed: String) {
        let status = await exitStatus(timeout: timeout)
        let printed = self.printed
        try? FileManager.default.removeItem(at: log)
        return (status, printed)
    }

    private func exitStatus(timeout: Duration) async -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        return process.terminationStatus
    }

    private var printed: String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return String(text.suffix(2_000))
    }
}

/// A UDP port nobody listens on right now.
public enum FreePort {
    public static func udp() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw SIPpPeer.Missing(description: "no socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw SIPpPeer.Missing(description: "cannot bind a UDP port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A UDP port held by the test (another process's socket, as the provider sees it).
public final class HeldPort {
    private let descriptor: Int32

    public init(_ port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw SIPpPeer.Missing(description: "cannot hold UDP port \(port)")
        }
    }

    public func release() { close(descriptor) }
}
