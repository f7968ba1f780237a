import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension CLI {
    /// Runs the binary with standard output sent to `stdoutPath` (or a pipe), killing it after `timeout` seconds;
    /// `timedOut` says whether it had to be killed.
    static func run(
        _ arguments: [String], in folder: URL, stdoutPath: String? = nil, timeout: Double
    ) throws -> (output: Output, timedOut: Bool) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        let file = stdoutPath.flatMap { FileHandle(forWritingAtPath: $0) }
        process.standardOutput = file ?? out
        process.standardError = err
        try process.run()
        try? out.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let timedOut = process.isRunning
        if timedOut { kill9(process) }
        let stdout = file == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? file?.close()
        let output = Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
        return (output, timedOut)
    }

    /// What a folder holds, recursively: each entry's kind, permission bits and (for regular files) bytes.
    static func snapshot(of folder: URL) -> [String: String] {
        var entries: [String: String] = [:]
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
        for name in names {
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            var entry = "kind \(kind) mode \(String(info.st_mode & 0o7777, radix: 8))"
            if kind == S_IFREG, let data = FileManager.default.contents(atPath: path) {
                entry += " bytes \(data.base64EncodedString())"
            }
            entries[name] = entry
        }
        return entries
    }

    /// Runs `sqlite3` on `database` with `sql` (the test machine has it, as `.ci/run` installs it).
    static func sqlite3(_ database: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", database, sql]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError(output: Output(status: process.terminationStatus, stdout: "", stderr: "sqlite3 failed"))
        }
    }
}
