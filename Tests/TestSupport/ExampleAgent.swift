import Foundation

/// `examples/agent/agent.py` started for one test on a free port, its JSON lines collected from a log file.
public struct ExampleAgent {
    public let process: Process
    public let port: Int
    private let log: URL

    public static let script: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples/agent/agent.py")

    /// Starts the agent posting results to `api`, listening `listen` seconds after its greeting.
    public static func start(api: String, listen: Double) async throws -> ExampleAgent {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("agent-\(UUID()).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--port", "0", "--api", api, "--listen", String(listen)]
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try handle.close()
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let lines = Self.lines(of: log)
            if let listening = lines.first(where: { $0["event"] as? String == "listening" }),
                let port = listening["port"] as? Int
            {
                return ExampleAgent(process: process, port: port, log: log)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(process.processIdentifier, SIGKILL)
        let printed = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw SIPpPeer.Missing(
            description: "the example agent did not start (is the websockets package installed?): \(printed)")
    }

    /// The events the agent printed so far.
    public var events: [[String: Any]] { Self.lines(of: log) }

    /// The names of the events printed so far.
    public var eventNames: [String] { events.compactMap { $0["event"] as? String } }

    /// What it printed, for a failure message.
    public var printed: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits until the agent printed `event` (or `timeout` passed).
    public func wait(for event: String, timeout: Duration = .seconds(10)) async {
        let deadline = ContinuousClock.now + timeout
        while !eventNames.contains(event), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Kills the agent (SIGKILL: Foundation's `terminate` did not reach the asyncio server here) and waits for it.
    public func stop() async {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        try? FileManager.default.removeItem(at: log)
    }

    private static func lines(of log: URL) -> [[String: Any]] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}
