import CampaignCore
import CampaignStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `outbound` binary as a child process, the way operators and checkers do.
enum CLI {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `outbound` executable next to the test bundle in the build folder.
    static var binary: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("outbound")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/outbound")
    }

    static func launch(
        _ arguments: [String], in folder: URL, environment: [String: String] = [:]
    ) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        }
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Output {
        let (process, out, err) = try launch(arguments, in: folder, environment: environment)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Kills the process with SIGKILL after `seconds` unless it has ended; true when it was killed. The wait
    /// blocks its thread, so the kill comes on time however busy the test runner's other tasks keep the pool.
    static func kill9(_ process: Process, after seconds: Double) -> Bool {
        Thread.sleep(forTimeInterval: seconds)
        guard process.isRunning else { return false }
        kill9(process)
        return true
    }

    static func kill9(_ process: Process) {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static let settingsJSON = """
        {
          "name": "CLI test",
          "agent": { "name": "Zara", "greeting": "Hi {{NAME}}", "callbacks": true },
          "numberPool": ["+14155550100", "+14155550101"],
          "window": { "start": "09:00", "end": "18:00", "timezone": "recipient" },
          "concurrency": 6,
          "retry": { "maxAttempts": 3, "delayMinutes": 45 },
          "callbackDetection": true
        }
        """

    /// Writes the settings document, creates the campaign through the CLI and adds contacts through the store.
    static func campaignWithContacts(in folder: URL, contacts: Int) async throws -> (db: String, id: String) {
        let config = folder.appendingPathComponent("campaign.json")
        try settingsJSON.write(to: config, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("cli.sqlite").path
        let created = try run(["campaign", "create", "--db", db, "--config", config.path], in: folder)
        guard created.status == 0 else { throw CommandError(output: created) }
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let store = try await SQLCampaignStore.openSQLite(path: db)
        let zones = ["America/New_York", "America/Chicago", "America/Los_Angeles"]
        let leads = (0..<contacts).map { index in
            NewLead(
                sourceLine: index + 2, numbers: ["+1312555\(String(format: "%04d", index))"],
                timezones: [zones[index % 3]], timezoneSource: "column", variables: ["NAME": "C\(index)"])
        }
        _ = try await store.addLeads(campaignId: Int64(id)!, leads: leads, now: Date())
        try await store.close()
        return (db, id)
    }

    struct CommandError: Error {
        let output: Output
    }
}
